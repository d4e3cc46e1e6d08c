using EServices.Web.Competitions;
using EServices.Web.Infrastructure.Audit;

namespace EServices.Web.Features.Convocations;

/// <summary>« Générer les convocations »: sets <see cref="Competition.ConvocationsRequestedAt"/> once and puts the numbered
/// candidates on the job's work list, audited; a second
/// click, even at the same instant on another node, waits for the competition's lock and then finds it set.</summary>
public static class GenerateConvocations
{
    public enum Outcome
    {
        Requested,
        AlreadyRequested,
        NotNumbered,
        NotFound,
    }

    public sealed class Handler(AppDbContext db, AuditLog audit, TimeProvider clock)
    {
        public async Task<Outcome> HandleAsync(int id, CancellationToken ct)
        {
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            var competition = await CompetitionLock.LockAsync(db, id, ct);
            if (competition is null || competition.NumberedAt is null || competition.ConvocationsRequestedAt is not null)
            {
                return competition is null ? Outcome.NotFound : competition.NumberedAt is null ? Outcome.NotNumbered : Outcome.AlreadyRequested;
            }

            competition.ConvocationsRequestedAt = clock.GetUtcNow();
            var numbered = await ConvocationJob.QueueAsync(db, id, ct);
            audit.Record($"Génération des convocations demandée ({numbered} candidats numérotés)", CompetitionLock.AuditKind, CompetitionLock.AuditId(id), competition.Code);
            await db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
            return Outcome.Requested;
        }
    }
}
