using EServices.Web.Documents;

namespace EServices.Web.Features.Results;

public sealed record PublishedCompetition(int Id, string Code, string Title, string Corps, string Session, string Service, int Places, DateTimeOffset PublishedAt);

public sealed record AdmittedLine(string ExamNumber, string Name, string Centre);

/// <summary>The search on a competition's results page: <paramref name="Found"/> holds at most <see cref="PublishedResults.Shown"/>
/// lines, <paramref name="More"/> says there were others.</summary>
public sealed record ResultsPage(PublishedCompetition Competition, string? Query, string? Problem, IReadOnlyList<AdmittedLine>? Found, bool More);

/// <summary>The published results, read without an account: only competitions whose results AGRE published, and among their
/// candidates only the admitted ones, by exam number or by the beginning of the name (never the CNIB or the birth date).</summary>
public sealed class PublishedResults(AppDbContext db)
{
    public const int Shown = 50;
    public const int MaxQuery = 100;

    public Task<List<PublishedCompetition>> ListAsync(CancellationToken ct) =>
        Published(db.Competitions.OrderByDescending(c => c.ResultsPublishedAt).ThenBy(c => c.Title)).ToListAsync(ct);

    public Task<PublishedCompetition?> FindAsync(string code, CancellationToken ct) =>
        code.Length > 80 ? Task.FromResult<PublishedCompetition?>(null) : Published(db.Competitions.Where(c => c.Code == code)).FirstOrDefaultAsync(ct);

    public async Task<ResultsPage> SearchAsync(PublishedCompetition competition, string? query, CancellationToken ct)
    {
        // No count of the admitted here: on every search it would read all of a competition's admitted rows.
        var typed = query?.Trim() ?? "";
        if (typed.Length == 0)
        {
            return new(competition, query, null, null, false);
        }

        if (typed.Length > MaxQuery)
        {
            return new(competition, query, $"Saisissez {MaxQuery} caractères au plus : un numéro de table ou le début d'un nom.", null, false);
        }

        List<AdmittedRow> rows;
        if (typed.Any(char.IsAsciiDigit))
        {
            // A number: that candidate, if admitted (the unique index on exam numbers).
            var number = typed.Replace(" ", "", StringComparison.Ordinal).ToUpperInvariant();
            rows = await db.Database.SqlQuery<AdmittedRow>($"""
                SELECT c.exam_number, c.candidate_name, e.name AS centre
                FROM candidacies c LEFT JOIN exam_centres e ON e.id = c.centre_id
                WHERE c.exam_number = {number} AND c.competition_id = {competition.Id} AND c.admitted
                """).ToListAsync(ct);
        }
        else
        {
            var key = NameKeys.Of(typed);
            if (key.Length < 2)
            {
                return new(competition, query, "Saisissez au moins deux lettres du nom, ou le numéro de table.", null, false);
            }

            // A prefix of the key as a range in byte order (~>=~, ~<~: the operators of the partial index
            // ix_candidacies_admitted_name_key, text_pattern_ops WHERE admitted), which a prepared statement's generic plan
            // uses too, unlike LIKE with a parameter; the index also gives the order, so the scan stops after 51 rows.
            var after = key[..^1] + (char)(key[^1] + 1);
            rows = await db.Database.SqlQuery<AdmittedRow>($"""
                SELECT c.exam_number, c.candidate_name, e.name AS centre
                FROM candidacies c LEFT JOIN exam_centres e ON e.id = c.centre_id
                WHERE c.admitted AND c.name_key ~>=~ {key} AND c.name_key ~<~ {after} AND c.competition_id = {competition.Id}
                ORDER BY c.name_key USING ~<~, c.exam_number
                LIMIT {Shown + 1}
                """).ToListAsync(ct);
        }

        var found = rows.Take(Shown).Select(r => new AdmittedLine(r.ExamNumber, r.CandidateName ?? "", r.Centre ?? "")).ToList();
        return new(competition, query, null, found, rows.Count > Shown);
    }

    /// <summary>The admitted candidates in name order, for the PDF list.</summary>
    public Task<List<ResultsListLine>> AdmittedAsync(int competitionId, CancellationToken ct) =>
        db.Candidacies.AsNoTracking().Where(c => c.CompetitionId == competitionId && c.Admitted)
            .OrderBy(c => EF.Functions.Collate(c.NameKey, "C")).ThenBy(c => c.ExamNumber)
            .Select(c => new ResultsListLine(c.ExamNumber ?? "", c.CandidateName ?? "", c.Centre != null ? c.Centre.Name : ""))
            .ToListAsync(ct);

    private static IQueryable<PublishedCompetition> Published(IQueryable<Competition> competitions) =>
        competitions.AsNoTracking().Where(c => c.ResultsPublishedAt != null)
            .Select(c => new PublishedCompetition(c.Id, c.Code, c.Title, c.Corps, c.Session.Name, c.Session.Procedure.Service.Name, c.Places, c.ResultsPublishedAt!.Value));

    public sealed class AdmittedRow
    {
        public string ExamNumber { get; init; } = "";
        public string? CandidateName { get; init; }
        public string? Centre { get; init; }
    }
}
