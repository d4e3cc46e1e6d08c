using System.Globalization;
using EServices.Web.Infrastructure.Audit;

namespace EServices.Web.Features.Convocations;

/// <summary>« Générer les convocations »: sets <see cref="Competition.ConvocationsRequestedAt"/> once, audited; a second
/// click, even at the same instant on another node, changes nothing (the update's condition is checked under the row's lock).</summary>
public static class GenerateConvocations
{
    public enum Outcome
    {
        Requested,
        AlreadyRequested,
        NotNumbered,
        NotFound,
    }

    /// <summary>The audit's name for a competition (as the competition pages write it).</summary>
    public const string AuditTarget = "concours";

    public sealed class Handler(AppDbContext db, AuditLog audit, TimeProvider clock)
    {
        public async Task<Outcome> HandleAsync(int id, CancellationToken ct)
        {
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            var now = clock.GetUtcNow();
            var set = await db.Competitions.Where(c => c.Id == id && c.NumberedAt != null && c.ConvocationsRequestedAt == null)
                .ExecuteUpdateAsync(s => s.SetProperty(c => c.ConvocationsRequestedAt, now), ct);
            var competition = await db.Competitions.AsNoTracking().Where(c => c.Id == id)
                .Select(c => new { c.Code, c.NumberedAt }).FirstOrDefaultAsync(ct);
            if (set == 1)
            {
                var numbered = await db.Candidacies.CountAsync(c => c.CompetitionId == id && c.ExamNumber != null, ct);
                audit.Record($"Génération des convocations demandée ({numbered} candidats numérotés)", AuditTarget, id.ToString(CultureInfo.InvariantCulture), competition!.Code);
                await db.SaveChangesAsync(ct);
            }

            await transaction.CommitAsync(ct);
            return set == 1 ? Outcome.Requested
                : competition is null ? Outcome.NotFound
                : competition.NumberedAt is null ? Outcome.NotNumbered
                : Outcome.AlreadyRequested;
        }
    }
}
