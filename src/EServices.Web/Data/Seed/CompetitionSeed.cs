namespace EServices.Web.Data.Seed;

/// <summary>A demo session of direct competitions open now, for Development (with the demo accounts). Idempotent.</summary>
public static class CompetitionSeed
{
    public static async Task SeedAsync(AppDbContext db, TimeProvider clock, CancellationToken ct = default)
    {
        if (await db.CompetitionSessions.AnyAsync(ct)
            || await db.Procedures.SingleOrDefaultAsync(p => p.Slug == "inscription-concours-direct", ct) is not { } procedure)
        {
            return;
        }

        var now = clock.GetUtcNow();
        var year = now.Year + 1;
        var opens = new DateTimeOffset(now.UtcDateTime.Date.AddDays(-1), TimeSpan.Zero);
        var closes = opens.AddDays(21).AddHours(23).AddMinutes(59).AddSeconds(59);
        var exam = opens.AddDays(60).AddHours(7).AddMinutes(30);
        var session = new CompetitionSession
        {
            Name = $"Concours directs de la fonction publique, session {year}",
            ProcedureId = procedure.Id,
            MaxApplicationsPerCandidate = 2,
            CreatedAt = now,
        };
        string[] towns = ["Ouagadougou", "Bobo-Dioulasso", "Koudougou", "Ouahigouya", "Fada N'Gourma", "Dédougou"];
        Competition Make(string code, string title, string corps, string job, int places, DiplomaLevel diploma, int maxAge, int fee, string[] documents) => new()
        {
            Code = $"{code}-{year}",
            Title = title,
            Corps = corps,
            Job = job,
            Places = places,
            MinimumDiploma = diploma,
            MinimumAge = 18,
            MaximumAge = maxAge,
            AgeReferenceDate = new DateOnly(year, 12, 31),
            FeeXof = fee,
            OpensAt = opens,
            ClosesAt = closes,
            ExamAt = exam,
            RequiredDocuments = documents,
            CreatedAt = now,
            UpdatedAt = now,
            Centres = towns.Select((t, i) => new ExamCentre { Name = t, Capacity = i == 0 ? 20_000 : 5_000, RoomSize = 50 }).ToList(),
        };
        session.Competitions =
        [
            Make("adjoints-administratifs", "Adjoints administratifs", "Adjoints administratifs", "Adjoint administratif", 300, DiplomaLevel.Bepc, 35, 5000, ["piece_cnib", "piece_diplome"]),
            Make("secretaires-administratifs", "Secrétaires administratifs", "Secrétaires administratifs", "Secrétaire administratif", 150, DiplomaLevel.Baccalaureat, 35, 5000, ["piece_cnib", "piece_diplome"]),
            Make("attaches-administration-generale", "Attachés d'administration générale", "Attachés d'administration générale", "Attaché d'administration", 60, DiplomaLevel.Licence, 35, 5000, ["piece_cnib", "piece_diplome", "piece_naissance"]),
            Make("inspecteurs-du-travail", "Inspecteurs du travail", "Inspecteurs du travail", "Inspecteur du travail", 25, DiplomaLevel.Master, 37, 5000, ["piece_cnib", "piece_diplome", "piece_casier"]),
        ];
        db.CompetitionSessions.Add(session);
        await db.SaveChangesAsync(ct);
    }
}
