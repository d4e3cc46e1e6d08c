using EServices.Web.Infrastructure.Audit;
using EServices.Web.Documents;
using EServices.Web.Workflow;

namespace EServices.Web.Features.Deadlines;

/// <summary>
/// « Silence vaut accord / rejet »: a request whose administration has not decided by its last day (<see cref="Request.SilenceOn"/>)
/// is decided the next day as its procedure's rule said when it was filed. The decision is the system's move in the
/// history, with the reason the applicant reads; it issues the document that says so (the certificate with the mention,
/// a certificate of implicit acceptance when the procedure has none, or the refusal letter) and tells the applicant —
/// all in one transaction per request. An agent deciding at the same moment wins or loses on the request's version.
/// </summary>
public sealed class ImplicitDecisions(AppDbContext db, IssueCertificate documents, Notices notices, AuditLog audit, TimeProvider clock, ILogger<ImplicitDecisions> logger)
{
    /// <summary>Decides up to <paramref name="batch"/> requests past their last day; returns how many were decided.</summary>
    public async Task<int> RunAsync(int batch, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var today = DateOnly.FromDateTime(now.UtcDateTime);
        var due = await db.Requests.AsNoTracking()
            .Where(r => r.Silence != SilenceRule.None && r.SilenceOn < today && RequestStates.WithAdministration.Contains(r.Status))
            .OrderBy(r => r.SilenceOn)
            .Select(r => r.Id)
            .Take(batch)
            .ToListAsync(ct);
        var decided = 0;
        foreach (var id in due)
        {
            if (await DecideAsync(id, today, now, ct))
            {
                decided++;
            }
        }

        return decided;
    }

    private async Task<bool> DecideAsync(Guid id, DateOnly today, DateTimeOffset now, CancellationToken ct)
    {
        db.ChangeTracker.Clear();
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var request = await db.Requests
            .Include(r => r.Procedure).ThenInclude(p => p.Service)
            .Include(r => r.FormVersion)
            .SingleAsync(r => r.Id == id, ct);
        try
        {
            request.DecideBySilence(today, now);
        }
        catch (InvalidTransitionException)
        {
            return false; // decided or sent back to the applicant since it was listed
        }

        await documents.RunAsync(request, now, ct);
        notices.EnqueueImplicitDecision(request, await db.Users.AsNoTracking().SingleAsync(u => u.Id == request.ApplicantId, ct));
        audit.Record(null, request.DecisionReason!, AuditTargets.Request, request.Number!, request.Procedure.Title);
        try
        {
            await db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return false; // an agent acted on it meanwhile: their move stands
        }

        logger.LogInformation("Request {Number} decided by silence ({Rule})", request.Number, request.Silence);
        return true;
    }
}
