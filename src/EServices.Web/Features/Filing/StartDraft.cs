using EServices.Web.Forms;

namespace EServices.Web.Features.Filing;

/// <summary>"Commencer la démarche": a new draft, or the one in progress (one draft per procedure). A test draft files
/// through the procedure's form being built; a real one needs the procedure online.</summary>
public static class StartDraft
{
    public sealed record Command(string Slug, string ApplicantId, bool Test);

    /// <summary>The draft and the step to go to, and what to tell the applicant: why there is no draft (no message either:
    /// no such procedure), or that the draft is resumed.</summary>
    public sealed record Result(Guid? DraftId, int Step, string? Message);

    public sealed class Handler(AppDbContext db, TimeProvider clock)
    {
        public async Task<Result> HandleAsync(Command command, CancellationToken ct)
        {
            var procedure = await db.Procedures.FirstOrDefaultAsync(p => p.Slug == command.Slug, ct);
            if (procedure is null)
            {
                return new Result(null, 0, null);
            }

            if (command.Test ? procedure.DraftFormVersionId is null : !procedure.IsOnline)
            {
                return new Result(null, 0, command.Test
                    ? "Cette démarche n'a pas de brouillon à tester."
                    : procedure.ClosedAt is null ? "Cette démarche n'est pas encore disponible en ligne." : RequestFiling.Closed);
            }

            // One draft per procedure: starting again resumes the draft in progress.
            var existing = await db.Requests
                .Where(r => r.ApplicantId == command.ApplicantId && r.ProcedureId == procedure.Id && r.Status == RequestStatus.Draft && r.IsTest == command.Test)
                .OrderByDescending(r => r.UpdatedAt)
                .Select(r => new { r.Id, r.CompletedSteps })
                .FirstOrDefaultAsync(ct);
            if (existing is not null)
            {
                return new Result(existing.Id, existing.CompletedSteps + 1, "Vous aviez déjà commencé cette démarche : reprenez là où vous vous étiez arrêté.");
            }

            var draft = Request.StartDraft(procedure, command.ApplicantId, clock.GetUtcNow(), command.Test);
            db.Requests.Add(draft);
            await db.SaveChangesAsync(ct);
            return new Result(draft.Id, 1, null);
        }
    }
}
