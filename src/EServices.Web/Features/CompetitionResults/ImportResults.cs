using System.Globalization;
using EServices.Web.Competitions;
using EServices.Web.Infrastructure.Audit;
using FluentValidation;
using Npgsql;
using NpgsqlTypes;

namespace EServices.Web.Features.CompetitionResults;

/// <summary>« Importer la liste des admis »: all or nothing. A file with one bad row (unknown in this competition, in
/// double, not a number) changes nothing and lists them; a good one makes exactly its candidates admitted, the others
/// not, in one transaction of a few set-based statements (20 000 admitted among 300 000 candidates), until publication.</summary>
public static class ImportResults
{
    /// <summary>20 000 numbers take about 300 KB; a whole competition's 300 000, under 7 MB.</summary>
    public const long MaxBytes = 8 * 1024 * 1024;

    public sealed class Form
    {
        public IFormFile? Fichier { get; set; }
    }

    public sealed class Validator : AbstractValidator<Form>
    {
        public Validator() =>
            RuleFor(f => f.Fichier).Cascade(CascadeMode.Stop)
                .NotNull().WithMessage("Choisissez le fichier CSV de la liste des admis.")
                .Must(f => f!.Length > 0).WithMessage("Le fichier est vide : il doit contenir un numéro de table par ligne.")
                .Must(f => f!.Length <= MaxBytes).WithMessage("Le fichier dépasse 8 Mo : ce n'est pas une liste de numéros de table.");
    }

    /// <summary>Imported, or refused with a message for the page (and the bad rows when the file had some).</summary>
    public sealed record Outcome(int? Admitted, string? Problem, IReadOnlyList<BadRow> BadRows, int BadCount)
    {
        public static Outcome Refused(string problem) => new(null, problem, [], 0);
    }

    public sealed class Handler(AppDbContext db, AuditLog audit, TimeProvider clock)
    {
        public async Task<Outcome?> HandleAsync(int competitionId, IFormFile upload, CancellationToken ct)
        {
            using var bytes = new MemoryStream((int)upload.Length);
            await upload.CopyToAsync(bytes, ct);
            var file = AdmittedCsv.Read(bytes.ToArray());

            if (file.Numbers.Count == 0 && file.BadCount == 0)
            {
                return Outcome.Refused("Le fichier ne contient aucun numéro de table : rien n'a été importé.");
            }

            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            // Locked until commit: an import and a publication, even on two nodes, happen one after the other.
            var competition = await CompetitionLock.LockAsync(db, competitionId, ct);
            if (competition is null)
            {
                return null;
            }

            if (ResultsLock.Refusal(competition) is { } refusal)
            {
                return Outcome.Refused(refusal);
            }

            var numbers = Parameter("numbers", NpgsqlDbType.Text, file.Numbers.ToArray());
            var lines = Parameter("lines", NpgsqlDbType.Integer, file.Lines.ToArray());
            var id = new NpgsqlParameter("competition", competitionId);
            var unknown = await db.Database.SqlQueryRaw<UnknownNumber>("""
                SELECT a.number, a.line, count(*) OVER ()::int AS total
                FROM unnest(@numbers, @lines) AS a(number, line)
                WHERE NOT EXISTS (SELECT 1 FROM candidacies c WHERE c.exam_number = a.number AND c.competition_id = @competition)
                ORDER BY a.line
                LIMIT 50
                """, numbers, lines, id).ToListAsync(ct);
            if (unknown.Count > 0 || file.BadCount > 0)
            {
                var bad = file.Bad.Concat(unknown.Select(u => new BadRow(u.Line, u.Number, "numéro de table inconnu dans ce concours")))
                    .OrderBy(b => b.Line).Take(AdmittedFile.Shown).ToList();
                var count = file.BadCount + (unknown.Count > 0 ? unknown[0].Total : 0);
                return new(null, $"{Rows(count)} refusée{(count > 1 ? "s" : "")} : rien n'a été importé. Corrigez le fichier et importez-le de nouveau.", bad, count);
            }

            // Only the rows whose flag changes are written: importing the same list again rewrites nothing.
            await db.Database.ExecuteSqlRawAsync("""
                UPDATE candidacies c SET admitted = s.admitted
                FROM (SELECT c2.request_id, a.number IS NOT NULL AS admitted
                      FROM candidacies c2 LEFT JOIN unnest(@numbers) AS a(number) ON a.number = c2.exam_number
                      WHERE c2.competition_id = @competition) s
                WHERE c.request_id = s.request_id AND c.admitted <> s.admitted
                """, [Parameter("numbers", NpgsqlDbType.Text, file.Numbers.ToArray()), new NpgsqlParameter("competition", competitionId)], ct);
            competition.ResultsImportedAt = clock.GetUtcNow();
            competition.UpdatedAt = competition.ResultsImportedAt.Value;
            audit.Record("Liste des admis importée : " + Plural(file.Numbers.Count, "admis"), CompetitionLock.AuditKind,
                CompetitionLock.AuditId(competitionId), competition.Title);
            await db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
            return new(file.Numbers.Count, null, [], 0);
        }

        private static NpgsqlParameter Parameter<T>(string name, NpgsqlDbType type, T[] values) =>
            new(name, NpgsqlDbType.Array | type) { Value = values };

        private static string Rows(int count) => count == 1 ? "1 ligne" : Plural(count, "lignes");
    }

    public static string Plural(int count, string noun) => count.ToString("N0", CultureInfo.GetCultureInfo("fr-FR")) + " " + noun;

    public sealed class UnknownNumber
    {
        public string Number { get; init; } = "";
        public int Line { get; init; }
        public int Total { get; init; }
    }
}
