using EServices.Tests.Infrastructure;
using EServices.Tests.Payments;
using EServices.Tests.Security;
using EServices.Web.Data;
using EServices.Web.Payments;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace EServices.Tests.Features.Competitions;

/// <summary>A portal of its own for the applications: its sessions of competitions send the generic registration to the
/// list, and its tests move the clock (closing time), which no other test must see.</summary>
public sealed class CandidacyHost : HostFixture
{
    /// <summary>The convocation and closing tests drive the jobs' passes themselves (ConvocationSeed.Job, ClosingSeed.RunJobAsync):
    /// the hosted ones look once a day.</summary>
    protected override void ConfigureWebHost(Microsoft.AspNetCore.Hosting.IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Convocations:PollInterval", "1.00:00:00");
        builder.UseSetting("CompetitionClosing:PollInterval", "1.00:00:00");
    }
}

[CollectionDefinition(Name)]
public sealed class CandidacyCollection : ICollectionFixture<CandidacyHost>
{
    public const string Name = "candidacies";
}

/// <summary>A session with one competition of the test's own (open since yesterday, closing in ten days, a fee, two
/// centres: Ouagadougou with room, Koudougou with one place), and the registration form filled as a candidate would.</summary>
public static class CompetitionSeed
{
    public const int Fee = 5000;

    public static async Task<Competition> AddAsync(HostFixture host, Action<Competition>? change = null)
    {
        using var scope = host.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var now = host.Clock().GetUtcNow();
        var procedure = await db.Procedures.SingleAsync(p => p.Slug == PaymentSteps.Slug);
        var code = $"adjoints-{Guid.NewGuid():N}"[..24];
        var competition = new Competition
        {
            Code = code,
            Title = $"Adjoints administratifs {code[9..]}",
            Corps = "Adjoints administratifs",
            Job = "Adjoint administratif",
            Places = 10,
            MinimumDiploma = DiplomaLevel.Bepc,
            MinimumAge = 18,
            MaximumAge = 35,
            AgeReferenceDate = new DateOnly(2027, 12, 31),
            FeeXof = Fee,
            OpensAt = now.AddDays(-1),
            ClosesAt = now.AddDays(10),
            ExamAt = now.AddDays(60),
            RequiredDocuments = ["piece_cnib", "piece_diplome", "piece_naissance"],
            CreatedAt = now,
            UpdatedAt = now,
            Centres = [new ExamCentre { Name = "Ouagadougou", Capacity = 100 }, new ExamCentre { Name = "Koudougou", Capacity = 1 }],
        };
        change?.Invoke(competition);
        db.CompetitionSessions.Add(new CompetitionSession
        {
            Name = $"Session de test {code}",
            ProcedureId = procedure.Id,
            MaxApplicationsPerCandidate = 2,
            CreatedAt = now,
            Competitions = [competition],
        });
        await db.SaveChangesAsync();
        return competition;
    }

    /// <summary>Takes a session of competitions away (its candidacies, competitions and centres; the requests stay). On a
    /// shared host: the registration procedure of any session is filed only through the competitions' pages, and the
    /// other tests there file its generic form.</summary>
    public static async Task RemoveSessionAsync(HostFixture host, object sessionId)
    {
        await host.ScalarAsync("DELETE FROM candidacies WHERE competition_id IN (SELECT id FROM competitions WHERE session_id = @id)", ("id", sessionId));
        await host.ScalarAsync("DELETE FROM competitions WHERE session_id = @id", ("id", sessionId));
        await host.ScalarAsync("DELETE FROM competition_sessions WHERE id = @id", ("id", sessionId));
    }

    /// <summary>A cashier records a Treasury receipt of this amount for the draft's payment code: what the ledger did.</summary>
    public static async Task<PaymentLedger.CounterOutcome> CounterReceiptAsync(HostFixture host, Guid requestId, int amount)
    {
        var code = (string)(await host.ScalarAsync("SELECT payment_code FROM requests WHERE id = @id", ("id", requestId)))!;
        using var scope = host.Services.CreateScope();
        var (outcome, _) = await scope.ServiceProvider.GetRequiredService<PaymentLedger>()
            .RecordCounterReceiptAsync(code, "Q" + Guid.NewGuid().ToString("N")[..10], amount, "caissier-de-test", CancellationToken.None);
        return outcome;
    }

    public static int CentreId(Competition competition, string name) => competition.Centres.Single(c => c.Name == name).Id;

    /// <summary>A CNIB number no other test uses.</summary>
    public static string NewCnib() => "B" + Random.Shared.Next(10_000_000, 99_999_999).ToString(System.Globalization.CultureInfo.InvariantCulture);

    public static (string, string)[] Identity(string cnib, string born = "2000-01-15", string nationality = "burkinabe") =>
    [
        ("nom_declare", "Ouédraogo"), ("prenoms_declares", "Awa Éléonore"), ("sexe", "feminin"), ("date_naissance", born),
        ("lieu_naissance", "Koudougou"), ("nationalite", nationality), ("numero_cnib", cnib), ("telephone", "70123456"), ("email", ""),
    ];

    public static (string, string)[] Diploma(string diploma = "licence") => [("diplome", diploma), ("diplome_specialite", "Droit"), ("diplome_annee", "2021")];

    public static Dictionary<string, Upload> Documents() => new()
    {
        ["piece_cnib"] = TestFiles.Pdf("cnib.pdf"),
        ["piece_diplome"] = TestFiles.Pdf("diplome.pdf"),
        ["piece_naissance"] = TestFiles.Pdf("naissance.pdf"),
    };

    /// <summary>« Postuler » on the competition's page: the first step of the application (or the refusal page).</summary>
    public static async Task<Page> StartAsync(WebSession session, Competition competition) =>
        await session.FollowAsync(await Forge.PostPageAsync(session, $"/concours/{competition.Code}/candidature"));

    /// <summary>Applies, fills steps 2 to 4 and stops on the centre page.</summary>
    public static async Task<Page> ToCentreAsync(WebSession session, Competition competition, string cnib)
    {
        var identity = await StartAsync(session, competition);
        var diploma = await session.SubmitAsync(identity, "Continuer", Identity(cnib));
        var documents = await session.SubmitAsync(diploma, "Continuer", Diploma());
        return await session.SubmitAsync(documents, "Continuer", files: Documents());
    }

    /// <summary>Everything up to the review page, the centre chosen.</summary>
    public static async Task<Page> ToReviewAsync(WebSession session, Competition competition, string? cnib = null, string centre = "Ouagadougou")
    {
        var centres = await ToCentreAsync(session, competition, cnib ?? NewCnib());
        return await session.SubmitAsync(centres, "Continuer", [("centre", CentreId(competition, centre).ToString(System.Globalization.CultureInfo.InvariantCulture))]);
    }

    public static Guid ApplicationId(Page page) => Guid.Parse(page.Url.Split('/')[2]);
}
