using System.Runtime.CompilerServices;

namespace EServices.Web.Features.CompetitionClosing;

/// <summary>A filed application (« Déposée », nobody has taken it) and the competition's conditions it does not meet.</summary>
public sealed record FiledApplication(Guid RequestId, string Number, string Candidate, IReadOnlyList<Ineligibility> Reasons);

/// <summary>The applications of a competition still « Déposée », streamed, each checked by the competition's own
/// <see cref="Eligibility"/> rules on the answers the candidate filed, and by the centre the seats need.</summary>
public static class FiledApplications
{
    public static readonly Ineligibility NoCentre = new("centre_composition", "Aucun centre d'examen choisi.");

    private static readonly string Sql = $"""
        SELECT r.id, r.number, concat_ws(' ', r.answers->>'nom_declare', r.answers->>'prenoms_declares'),
               r.answers->>'date_naissance', r.answers->>'nationalite', r.answers->>'diplome', c.centre_id IS NOT NULL
        FROM candidacies c JOIN requests r ON r.id = c.request_id
        WHERE c.competition_id = $1 AND r.status = {RequestStates.Sql(RequestStatus.Submitted)}
        ORDER BY r.submitted_at, r.number
        """;

    public static async IAsyncEnumerable<FiledApplication> ReadAsync(AppDbContext db, Competition competition, [EnumeratorCancellation] CancellationToken ct)
    {
        await foreach (var (id, number, candidate, born, nationality, diploma, hasCentre) in ClosingSql.StreamAsync(db, Sql, r => (
            r.GetGuid(0), r.GetString(1), r.GetString(2), r.IsDBNull(3) ? null : r.GetString(3), r.IsDBNull(4) ? null : r.GetString(4),
            r.IsDBNull(5) ? null : r.GetString(5), r.GetBoolean(6)), ct, competition.Id))
        {
            var facts = new CandidateFacts(FieldRules.TryDate(born ?? "", out var date) ? date : null, nationality, diploma);
            var reasons = Eligibility.Check(competition, facts);
            yield return new FiledApplication(id, number, candidate, hasCentre ? reasons : [.. reasons, NoCentre]);
        }
    }
}
