using EServices.Web.Competitions;
using EServices.Web.Infrastructure.Audit;
using EServices.Web.Infrastructure.Telemetry;

namespace EServices.Web.Features.CompetitionClosing;

/// <summary>
/// « Valider les candidatures déposées »: accepts in one transaction, in the background (<see cref="ClosingJob"/>: 300 000
/// applications are no web request's work), every application of the competition still « Déposée » whose answers meet
/// its conditions and that has a centre. Each one gets the event the back-office writes
/// for an acceptance, and nothing else (no certificate, no notice: the convocation's SMS tells the candidates). The others
/// stay « Déposée » for an agent; what the back-office has taken or decided is left as it is.
/// </summary>
public static class ValidateFiled
{
    // The state changes once, guarded by its old value: an agent who takes one meanwhile wins it (it is no longer
    // « Déposée » when the update reaches it), and a second click accepts nothing twice.
    private static readonly string Accept = $"""
        WITH accepted AS (
            UPDATE requests SET status = {RequestStates.Sql(RequestStatus.Accepted)}, decided_at = $2, updated_at = $2
            WHERE id = ANY($1) AND status = {RequestStates.Sql(RequestStatus.Submitted)}
            RETURNING id)
        INSERT INTO request_events (request_id, at, actor_id, "from", "to", comment)
        SELECT id, $2, $3, {RequestStates.Sql(RequestStatus.Submitted)}, {RequestStates.Sql(RequestStatus.Accepted)}, $4 FROM accepted
        """;

    /// <summary>« Valider »: AGRE's click records the request, the <see cref="ClosingJob"/> runs it.</summary>
    public sealed class Handler(AppDbContext db, AuditLog audit, TimeProvider clock)
    {
        /// <summary>Null when there is no such competition.</summary>
        public Task<ClosingOutcome?> HandleAsync(int competitionId, string actorId, CancellationToken ct) =>
            ClosingSql.RunLockedAsync(db, competitionId, clock, (competition, now) => Task.FromResult(Request(competition, actorId, now)), ct);

        private ClosingOutcome Request(Competition competition, string actorId, DateTimeOffset now)
        {
            if (competition.NumberedAt is not null)
            {
                return ClosingOutcome.Refused("Les numéros de table sont déjà attribués : les candidatures encore déposées sont à traiter une à une dans le back-office.");
            }

            if (ClosingSql.Busy(competition) is { } busy)
            {
                return busy;
            }

            (competition.ValidationRequestedAt, competition.ValidationRequestedBy) = (now, actorId);
            audit.Record(actorId, "Validation des candidatures déposées demandée", CompetitionLock.AuditKind, CompetitionLock.AuditId(competition.Id), competition.Code);
            return ClosingOutcome.Started("La validation des candidatures déposées");
        }
    }

    /// <summary>The validation itself, in the job's transaction, for whoever asked for it.</summary>
    public static async Task RunAsync(AppDbContext db, AuditLog audit, CountStateChanges counts, Competition competition, string actorId, DateTimeOffset now, CancellationToken ct)
    {
        var eligible = new List<Guid>();
        var left = 0;
        await foreach (var application in FiledApplications.ReadAsync(db, competition, ct))
        {
            if (application.Reasons.Count == 0)
            {
                eligible.Add(application.RequestId);
            }
            else
            {
                left++;
            }
        }

        var accepted = eligible.Count == 0 ? 0 : await ClosingSql.ExecuteAsync(db, Accept, ct, eligible.ToArray(), now, actorId, "Demande acceptée");
        counts.RequestsMovedOnCommit(db, RequestStatus.Submitted, RequestStatus.Accepted, accepted);
        var message = $"{ClosingSql.Count(accepted, "candidature acceptée", "candidatures acceptées")}, "
            + $"{ClosingSql.Count(left, "non éligible laissée", "non éligibles laissées")} à un agent.";
        audit.Record(actorId, $"Candidatures déposées validées : {message}", CompetitionLock.AuditKind, CompetitionLock.AuditId(competition.Id), competition.Code);
    }
}
