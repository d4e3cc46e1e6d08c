namespace EServices.Web.Features.CompetitionResults;

/// <summary>The competition row, locked until the transaction ends, and what its milestones allow: results are imported
/// once the candidates are numbered, and neither imported again nor published twice once published.</summary>
public static class ResultsLock
{
    /// <summary>What the audit log names (the same word as the competitions' administration).</summary>
    public const string AuditTarget = "concours";

    public static Task<Competition?> CompetitionAsync(AppDbContext db, int id, CancellationToken ct) =>
        db.Competitions.FromSql($"SELECT * FROM competitions WHERE id = {id} FOR UPDATE").AsTracking().SingleOrDefaultAsync(ct);

    public static string? Refusal(Competition competition) =>
        competition.NumberedAt is null ? "Les candidats de ce concours n'ont pas encore de numéro de table : importez les résultats après la numérotation."
        : competition.ResultsPublishedAt is not null ? "Les résultats de ce concours sont publiés : la liste des admis ne peut plus changer."
        : null;
}
