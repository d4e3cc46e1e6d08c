using System.Net;
using EServices.Tests.Infrastructure;

namespace EServices.Tests.Features.Dashboard;

/// <summary>The ministry dashboard against requests whose dates are known, counted by hand. Today is Friday 26 March 2027;
/// Monday 8 March (women's day), Wednesday 10 March (Aïd el-Fitr, configured in appsettings.json) and Monday 29 March
/// (Easter Monday) are holidays.</summary>
[Collection(WebCollection.Name)]
public sealed class DashboardTests(HostFixture host)
{
    private const string March = "/admin/tableau-de-bord?du=2027-03-01&au=2027-03-26";

    [Fact]
    public async Task Figures_per_procedure_and_service_count_working_days_without_the_applicants_waiting()
    {
        var seed = await SeedMarchAsync(host);
        using var admin = host.NewSession();
        await TestStaff.SignInAsync(host, admin, Roles.Admin, null, "Salif", "Compaoré");

        var page = await admin.GetAsync(March);

        Assert.Equal(HttpStatusCode.OK, page.Status);
        // Filed in March: A, B, C, G, D, E, F (not J, filed in February, nor the test filing nor the draft).
        // Decided in March: A, C, J accepted, B rejected, D closed. Delays of A, C, J, B: 3, 5, 7, 8 working days, so the
        // median is (5 + 7) / 2 = 6 and the 90th percentile 7 + 0.7 × (8 − 7) = 7.7. A and C by their due date: 2 of 4.
        // Now: E and F with the administration (E overdue since 22 March), G waiting on the applicant.
        var expected = new Dictionary<string, string>
        {
            ["Déposées"] = "7", ["Décidées"] = "5", ["Acceptées"] = "3", ["Rejetées"] = "1",
            ["Délai médian (jours ouvrables)"] = "6", ["Délai 90e centile"] = "7,7", ["Dans le délai"] = "50 %",
            ["En cours"] = "2", ["En attente du demandeur"] = "1", ["En retard"] = "1",
        };
        var procedure = StatisticsTable.Row(page, "by-procedure", seed.ProcedureTitle);
        var service = StatisticsTable.Row(page, "by-service", $"{seed.ServiceCode} — Direction des statistiques {seed.ServiceCode[2..]}");
        foreach (var (column, value) in expected)
        {
            Assert.True(value == procedure[column], $"{column}: {procedure[column]} instead of {value}");
            Assert.True(value == service[column], $"service, {column}: {service[column]} instead of {value}");
        }

        Assert.Equal("5", procedure["Délai cible (jours ouvrables)"]);
        var decree = StatisticsTable.Row(page, "decree", $"{seed.ServiceCode} — Direction des statistiques {seed.ServiceCode[2..]}");
        Assert.Equal(("1", "2"), (decree["En ligne"], decree["Inscrites au décret"]));
    }

    [Fact]
    public async Task The_weekly_trend_of_one_service_counts_filings_and_decisions_per_week()
    {
        var seed = await SeedMarchAsync(host);
        using var admin = host.NewSession();
        await TestStaff.SignInAsync(host, admin, Roles.Admin, null, "Salif", "Compaoré");

        var page = await admin.GetAsync($"{March}&service={seed.ServiceId}");

        var weeks = new[] { ("01/03/2027", "3", "2"), ("08/03/2027", "1", "0"), ("15/03/2027", "2", "2"), ("22/03/2027", "1", "1") };
        Assert.Equal(weeks.Select(w => w.Item1), StatisticsTable.Names(page, "weeks"));
        foreach (var (week, filed, decided) in weeks)
        {
            var row = StatisticsTable.Row(page, "weeks", week);
            Assert.Equal((filed, decided), (row["Déposées"], row["Décidées"]));
        }

        var chart = page.Html.QuerySelector("svg[role=img][aria-labelledby=trend-svg-title]")!;
        Assert.Equal(4, chart.QuerySelector("polyline")!.GetAttribute("points")!.Split(' ').Length);
        Assert.Equal([$"{seed.ServiceCode} — Direction des statistiques {seed.ServiceCode[2..]}"], StatisticsTable.Names(page, "by-service"));
    }

    [Fact]
    public async Task A_head_of_service_sees_only_their_services_and_an_agent_is_refused()
    {
        var seed = await SeedMarchAsync(host);
        using var supervisor = host.NewSession();
        await TestStaff.SignInAsync(host, supervisor, Roles.Supervisor, seed.ServiceCode, "Aminata", "Traoré");

        var inbox = await supervisor.GetAsync("/back-office");
        var page = await supervisor.ClickAsync(inbox, "Tableau de bord");

        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Contains(seed.ProcedureTitle, StatisticsTable.Names(page, "by-procedure"));
        Assert.DoesNotContain("Attestation de travail", StatisticsTable.Names(page, "by-procedure"));
        Assert.Single(StatisticsTable.Names(page, "by-service"));
        Assert.Single(StatisticsTable.Names(page, "decree"));
        var dgfp = (int)(await host.ScalarAsync("SELECT id FROM services WHERE code = 'DGFP'"))!;
        Assert.Equal(HttpStatusCode.NotFound, (await supervisor.GetAsync($"/admin/tableau-de-bord?service={dgfp}")).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await supervisor.DownloadAsync($"/admin/tableau-de-bord/export.csv?service={dgfp}")).Status);

        using var agent = host.NewSession();
        await TestStaff.SignInAsync(host, agent, Roles.Agent, seed.ServiceCode);
        foreach (var url in new[] { "/admin/tableau-de-bord", "/admin/tableau-de-bord/export.csv", "/admin/tableau-de-bord/export.xlsx" })
        {
            var refused = await agent.GetAsync(url, follow: false);
            Assert.Contains("/compte/acces-refuse", refused.Location, StringComparison.Ordinal);
        }

        Assert.DoesNotContain("Tableau de bord", (await agent.GetAsync("/back-office")).Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Dates_that_cannot_be_read_are_told_next_to_their_field()
    {
        using var admin = host.NewSession();
        await TestStaff.SignInAsync(host, admin, Roles.Admin, null, "Salif", "Compaoré");

        var bad = await admin.GetAsync("/admin/tableau-de-bord?du=2027-02-30&au=hier");
        Assert.Equal(HttpStatusCode.BadRequest, bad.Status);
        Assert.Equal("Saisissez une date valide, par exemple 26/03/2027.", bad.ErrorFor("du"));
        Assert.Equal("Saisissez une date valide, par exemple 26/03/2027.", bad.ErrorFor("au"));
        Assert.Equal("hier", bad.ValueOf("au"));
        Assert.Equal(2, bad.SummaryErrors.Count);

        var reversed = await admin.GetAsync("/admin/tableau-de-bord?du=2027-03-26&au=01/03/2027");
        Assert.Equal(HttpStatusCode.BadRequest, reversed.Status);
        Assert.Null(reversed.ErrorFor("du"));
        Assert.Equal("La date de fin doit être le même jour que la date de début ou après.", reversed.ErrorFor("au"));

        // No dates: the last twelve weeks up to today, Saturday 2 January to Friday 26 March 2027.
        var defaults = await admin.GetAsync("/admin/tableau-de-bord");
        Assert.Equal(("2027-01-02", "2027-03-26"), (defaults.ValueOf("du"), defaults.ValueOf("au")));
        Assert.Contains("Chiffres du 02/01/2027 au 26/03/2027", defaults.Text, StringComparison.Ordinal);
    }

    /// <summary>The requests of the seeded procedure (target delay: 5 working days) whose figures the tests count by hand.</summary>
    public static async Task<DashboardSeed> SeedMarchAsync(HostFixture host)
    {
        var seed = await DashboardSeed.CreateAsync(host);
        // A: Monday 1 → Thursday 4 March: 2, 3, 4 = 3 working days; due Tuesday 9 (8 March is a holiday): on time.
        await seed.RequestAsync("Accepted", "2027-03-01", decided: "2027-03-04", due: "2027-03-09");
        // B: Monday 1 → Monday 15 March: 2–5, 9, 11, 12 and 15 = 8 working days; due 9 March: late.
        await seed.RequestAsync("Rejected", "2027-03-01", decided: "2027-03-15", due: "2027-03-09");
        // C, the paused clock: Tuesday 2 → Thursday 18 March is 10 working days, 5 of them waiting on the applicant: 5.
        // Due Thursday 11 moved by the 5 days waited: Thursday 18, so on time.
        await seed.RequestAsync("Accepted", "2027-03-02", decided: "2027-03-18", due: "2027-03-18", pausedDays: 5);
        // D: closed without follow-up on Monday 22: decided, but no delay.
        await seed.RequestAsync("ClosedWithoutFollowUp", "2027-03-15", decided: "2027-03-22", due: "2027-03-22");
        // E: under review, due Monday 22: overdue today.
        await seed.RequestAsync("UnderReview", "2027-03-15", due: "2027-03-22");
        // F: filed yesterday, due Friday 2 April (Easter Monday skipped).
        await seed.RequestAsync("Submitted", "2027-03-25", due: "2027-04-02");
        // G: waiting on the applicant since Saturday 20 March.
        await seed.RequestAsync("CorrectionRequested", "2027-03-09", due: "2027-03-17", pausedSince: "2027-03-20");
        // J: filed Monday 22 February, accepted Wednesday 3 March: 23–26 February and 1–3 March = 7 working days; due 1 March: late.
        await seed.RequestAsync("Accepted", "2027-02-22", decided: "2027-03-03", due: "2027-03-01");
        // Outside every figure: decided before the period, a test filing, a draft.
        await seed.RequestAsync("Accepted", "2027-02-01", decided: "2027-02-10", due: "2027-02-08");
        await seed.RequestAsync("Accepted", "2027-03-03", decided: "2027-03-04", due: "2027-03-10", test: true);
        await seed.RequestAsync("Draft", "2027-03-05");
        return seed;
    }
}
