using EServices.Web.Competitions;
using EServices.Web.Infrastructure.Audit;

namespace EServices.Web.Features.CompetitionClosing;

/// <summary>
/// « Attribuer les numéros et les places », once every application of the competition is decided: one statement copies
/// who each accepted candidate is from their answers (« NOM Prénoms », its <see cref="NameKeys"/> key, the birth date) and
/// seats them by a rule anyone can redo by hand. Centres in the order of their names' keys; in each centre, candidates
/// in the order their applications were filed (first filed, first seated: AGRE's rule since 2025, so a mistyped name
/// moves nobody), the tracking number breaking a tie; the n-th candidate of a centre of rooms of s seats sits in room
/// (n − 1) / s + 1, seat (n − 1) % s + 1. The exam number is « competition id-centre's rank-candidate's rank »
/// (12-03-00457: competition 12, its third centre, its 457th candidate), unique across competitions, in order within
/// a centre, and as readable over the phone as on the convocation. It runs in the background (<see cref="ClosingJob"/>:
/// about 45 s for 300 000 candidates) and numbers only those without a number: run again after a late payment, it seats
/// the latecomers after the last seat of their centre and changes no number already given.
/// </summary>
public static class AssignNumbers
{
    /// <summary>The statuses that still wait for a decision: the list cannot be frozen while one remains.</summary>
    public static readonly RequestStatus[] Pending = RequestStates.Open;

    // Everything orders on text in the "C" collation (bytes): the same order on every server, whatever its locale.
    private static readonly string Numbering = $"""
        WITH named AS (
            SELECT c.request_id, c.centre_id, r.submitted_at, r.number,
                   btrim(regexp_replace(concat_ws(' ', upper(r.answers->>'nom_declare'), r.answers->>'prenoms_declares'), '\s+', ' ', 'g')) AS name,
                   CASE WHEN r.answers->>'date_naissance' ~ '^\d\d\d\d-\d\d-\d\d$' THEN (r.answers->>'date_naissance')::date END AS born
            FROM candidacies c JOIN requests r ON r.id = c.request_id
            WHERE c.competition_id = $1 AND c.exam_number IS NULL AND r.status = {RequestStates.Sql(RequestStatus.Accepted)}),
        keyed AS (
            SELECT named.*, {NameKeys.Sql("named.name")} AS name_key FROM named),
        centres AS (
            SELECT e.id, e.room_size, row_number() OVER (ORDER BY {NameKeys.Sql("e.name")} COLLATE "C", e.name COLLATE "C", e.id) AS centre_no,
                   (SELECT coalesce(max(split_part(s.exam_number, '-', 3)::int), 0) FROM candidacies s
                    WHERE s.centre_id = e.id AND s.exam_number IS NOT NULL) AS seated
            FROM exam_centres e WHERE e.competition_id = $1),
        ranked AS (
            SELECT keyed.*, centres.centre_no, centres.room_size,
                   centres.seated + row_number() OVER (PARTITION BY keyed.centre_id
                                      ORDER BY keyed.submitted_at, keyed.number COLLATE "C", keyed.request_id) AS n
            FROM keyed JOIN centres ON centres.id = keyed.centre_id)
        UPDATE candidacies c
        SET candidate_name = ranked.name, name_key = ranked.name_key, birth_date = ranked.born,
            exam_number = $1::text || '-' || lpad(ranked.centre_no::text, greatest(2, length(ranked.centre_no::text)), '0')
                                   || '-' || lpad(ranked.n::text, greatest(5, length(ranked.n::text)), '0'),
            room = (ranked.n - 1) / ranked.room_size + 1, seat = (ranked.n - 1) % ranked.room_size + 1, updated_at = $2
        FROM ranked
        WHERE c.request_id = ranked.request_id
        """;

    /// <summary>« Attribuer les numéros »: AGRE's click records the request, the <see cref="ClosingJob"/> runs it.</summary>
    public sealed class Handler(AppDbContext db, AuditLog audit, TimeProvider clock)
    {
        /// <summary>Null when there is no such competition.</summary>
        public Task<ClosingOutcome?> HandleAsync(int competitionId, string actorId, CancellationToken ct) =>
            ClosingSql.RunLockedAsync(db, competitionId, clock, async (competition, now) =>
            {
                if (ClosingSql.Busy(competition) is { } busy)
                {
                    return busy;
                }

                var applications = db.Candidacies.Where(c => c.CompetitionId == competition.Id);
                var waiting = await applications.CountAsync(c => c.Request.Status == RequestStatus.Accepted && c.CentreId != null && c.ExamNumber == null, ct);
                if (competition.NumberedAt is { } numberedAt)
                {
                    if (competition.ResultsImportedAt is not null || waiting == 0)
                    {
                        return ClosingOutcome.Refused($"Les numéros et les places sont déjà attribués depuis le {OuagadougouTime.Format(numberedAt)}"
                            + (competition.ResultsImportedAt is null ? " : aucune candidature acceptée depuis n'attend de numéro." : " et les résultats sont importés."));
                    }
                }
                else
                {
                    var pending = await applications.CountAsync(c => Pending.Contains(c.Request.Status), ct);
                    if (pending > 0)
                    {
                        return ClosingOutcome.Refused($"{ClosingSql.Count(pending, "candidature attend", "candidatures attendent")} encore une décision : "
                            + "les numéros seront attribués quand toutes seront acceptées ou rejetées.");
                    }

                    if (waiting == 0)
                    {
                        return ClosingOutcome.Refused("Aucune candidature acceptée n'a de centre d'examen : il n'y a rien à numéroter.");
                    }
                }

                (competition.NumberingRequestedAt, competition.NumberingRequestedBy) = (now, actorId);
                audit.Record(actorId, $"Attribution des numéros et des places demandée ({ClosingSql.Count(waiting, "candidat", "candidats")})",
                    CompetitionLock.AuditKind, CompetitionLock.AuditId(competition.Id), competition.Code);
                return ClosingOutcome.Started("L'attribution des numéros et des places");
            }, ct);
    }

    /// <summary>The numbering itself, in the job's transaction, for whoever asked for it: the first, which freezes the list
    /// (<see cref="Competition.NumberedAt"/>), or the latecomers'.</summary>
    public static async Task RunAsync(AppDbContext db, AuditLog audit, Competition competition, string actorId, DateTimeOffset now, CancellationToken ct)
    {
        var numbered = await ClosingSql.ExecuteAsync(db, Numbering, ct, competition.Id, now);
        var unseated = await db.Candidacies.CountAsync(
            c => c.CompetitionId == competition.Id && c.Request.Status == RequestStatus.Accepted && c.CentreId == null, ct);
        var latecomers = competition.NumberedAt is not null;
        if (numbered > 0 && !latecomers)
        {
            competition.NumberedAt = now;
        }

        if (competition.ConvocationsRequestedAt is not null)
        {
            await ConvocationJob.QueueAsync(db, competition.Id, ct); // the latecomers' convocations follow the others'
        }

        var message = $"numéros et places attribués à {ClosingSql.Count(numbered, "candidat", "candidats")}"
            + (latecomers ? " (retardataires, à la suite de leur centre)" : "")
            + (unseated == 0 ? "." : $" ; {ClosingSql.Count(unseated, "candidature acceptée n'a", "candidatures acceptées n'ont")} pas de centre et pas de numéro.");
        audit.Record(actorId, $"Numéros de table et places : {message}", CompetitionLock.AuditKind, CompetitionLock.AuditId(competition.Id), competition.Code);
    }
}
