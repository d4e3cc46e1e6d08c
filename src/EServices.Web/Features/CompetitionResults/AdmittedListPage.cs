namespace EServices.Web.Features.CompetitionResults;

/// <summary>The results page of a competition for AGRE: where its milestones stand, the last import's outcome.</summary>
public sealed record AdmittedListPage(
    int Id, string Title, string Code, DateTimeOffset? NumberedAt, DateTimeOffset? ImportedAt, DateTimeOffset? PublishedAt,
    int Numbered, int Admitted, ImportResults.Outcome? Import = null)
{
    public bool CanImport => NumberedAt is not null && PublishedAt is null;

    public static Task<AdmittedListPage?> FindAsync(AppDbContext db, int id, CancellationToken ct) =>
        db.Competitions.AsNoTracking().Where(c => c.Id == id)
            .Select(c => new AdmittedListPage(c.Id, c.Title, c.Code, c.NumberedAt, c.ResultsImportedAt, c.ResultsPublishedAt,
                db.Candidacies.Count(a => a.CompetitionId == c.Id && a.ExamNumber != null),
                db.Candidacies.Count(a => a.CompetitionId == c.Id && a.Admitted), null))
            .FirstOrDefaultAsync(ct);
}
