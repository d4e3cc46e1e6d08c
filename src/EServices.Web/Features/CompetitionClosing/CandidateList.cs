namespace EServices.Web.Features.CompetitionClosing;

/// <summary>The numbered list of candidates for AGRE (exam number, name, birth date, centre, room, seat), in the order of
/// the seats, written to the response as PostgreSQL sends it: 300 000 lines are never all in memory.</summary>
public static class CandidateList
{
    private static readonly string[] Headers = ["Numéro de table", "Nom et prénoms", "Date de naissance", "Centre", "Salle", "Place"];

    private static readonly string Sql = $"""
        SELECT c.exam_number, c.candidate_name, c.birth_date, e.name, c.room, c.seat
        FROM candidacies c JOIN exam_centres e ON e.id = c.centre_id
        WHERE c.competition_id = $1 AND c.exam_number IS NOT NULL
        ORDER BY {NameKeys.Sql("e.name")} COLLATE "C", e.name COLLATE "C", e.id, c.room, c.seat
        """;

    public sealed class Handler(AppDbContext db)
    {
        /// <summary>The file's name; null when there is no such competition or it is not numbered yet.</summary>
        public Task<string?> FileNameAsync(int id, CancellationToken ct) =>
            db.Competitions.AsNoTracking().Where(c => c.Id == id && c.NumberedAt != null).Select(c => "candidats-" + c.Code + ".csv").FirstOrDefaultAsync(ct);

        public Task WriteAsync(int id, Stream destination, CancellationToken ct) =>
            ExportTable.WriteCsvAsync(destination, Headers, ClosingSql.StreamAsync(db, Sql, r => new object?[]
            {
                r.GetString(0), r.IsDBNull(1) ? null : r.GetString(1), r.IsDBNull(2) ? null : r.GetFieldValue<DateOnly>(2),
                r.GetString(3), r.GetInt32(4), r.GetInt32(5),
            }, ct, id), ct);
    }
}
