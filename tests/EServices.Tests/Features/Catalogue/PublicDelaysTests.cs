using EServices.Tests.Features.Dashboard;
using EServices.Tests.Infrastructure;
using EServices.Web.Features.Catalogue;
using EServices.Web.Workflow.Statistics;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.Extensions.DependencyInjection;

namespace EServices.Tests.Features.Catalogue;

/// <summary>The public sees each procedure's promised delay beside the one measured over the last 90 days (issue 19):
/// on `/statistiques` and on the procedure's sheet. Today is Friday 26 March 2027, so the 90 days start on Sunday
/// 27 December 2026.</summary>
[Collection(WebCollection.Name)]
public sealed class PublicDelaysTests(HostFixture host)
{
    [Fact]
    public async Task The_statistics_page_and_the_sheet_show_the_median_and_the_share_on_time_beside_the_promised_delay()
    {
        var seed = await SeedOnlineAsync();
        using var visitor = host.NewSession();

        var page = await visitor.GetAsync("/statistiques");

        Assert.Equal(System.Net.HttpStatusCode.OK, page.Status);
        Assert.Contains("du 27/12/2026 au 26/03/2027", page.Text, StringComparison.Ordinal);
        // The dashboard's March requests decided in the 90 days: A, C, J, B (3, 5, 7 and 8 working days), and the one decided
        // on Wednesday 10 February (Monday 1 → 10 February: 7 working days, late). The median of 3, 5, 7, 7, 8 is 7; A and C
        // by their due date: 2 of 5. D, closed without follow-up, has no delay; the test filing and the draft do not count.
        var measured = StatisticsTable.Row(page, "delais", seed.ProcedureTitle);
        Assert.Equal(seed.ServiceName, measured["Service"]);
        Assert.Equal("5", measured["Délai annoncé (jours ouvrables)"]);
        Assert.Equal("7", measured["Délai médian constaté (jours ouvrables)"]);
        Assert.Equal("40 %", measured["Traitées dans le délai"]);
        Assert.Equal("5", measured["Demandes décidées"]);
        // The service's other procedure is online without any decision.
        var none = StatisticsTable.Row(page, "delais", $"Relevé statistique {seed.ServiceCode[2..]}");
        Assert.Equal(("—", "—", "0"), (none["Délai médian constaté (jours ouvrables)"], none["Traitées dans le délai"], none["Demandes décidées"]));

        var sheet = await visitor.ClickAsync(page, seed.ProcedureTitle);
        Assert.Equal(
            "7 jours ouvrables en médiane ; 40 % des demandes traitées dans le délai annoncé (5 décidées ces 90 derniers jours). Les délais de toutes les démarches",
            SheetValue(sheet, "Délai constaté"));
        var back = await visitor.ClickAsync(sheet, "Les délais de toutes les démarches");
        Assert.Equal("/statistiques", new Uri(back.Url).AbsolutePath);
    }

    [Fact]
    public async Task A_procedure_not_online_is_not_listed_and_one_without_decisions_says_so_on_its_sheet()
    {
        var seed = await SeedOnlineAsync();
        await host.ScalarAsync("UPDATE procedures SET closed_at = now() WHERE title = @t", ("t", seed.ProcedureTitle));
        await ForgetAsync();
        using var visitor = host.NewSession();

        var page = await visitor.GetAsync("/statistiques");

        Assert.DoesNotContain(seed.ProcedureTitle, StatisticsTable.Names(page, "delais"));
        var sheet = await visitor.ClickAsync(page, $"Relevé statistique {seed.ServiceCode[2..]}");
        Assert.Equal("Aucune demande décidée ces 90 derniers jours. Les délais de toutes les démarches", SheetValue(sheet, "Délai constaté"));
        Assert.NotNull((await visitor.GetAsync("/")).Html.QuerySelector("footer a[href='/statistiques']"));
    }

    [Fact]
    public async Task The_figures_are_kept_for_ten_minutes_then_computed_again()
    {
        var seed = await SeedOnlineAsync();
        var clock = new ShiftedClock(HostFixture.Now);
        using var delays = new PublicDelays(host.Services.GetRequiredService<IServiceScopeFactory>(), clock);
        Assert.Equal(5, (await delays.GetAsync(default)).Of(seed.Slug)!.Decisions);

        // Monday 1 → Friday 5 March: 4 working days, accepted on its due date.
        await seed.Dashboard.RequestAsync("Accepted", "2027-03-01", decided: "2027-03-05", due: "2027-03-05");
        clock.Advance(TimeSpan.FromMinutes(9));
        Assert.Equal(5, (await delays.GetAsync(default)).Of(seed.Slug)!.Decisions);

        clock.Advance(TimeSpan.FromMinutes(2));
        var computed = (await delays.GetAsync(default)).Of(seed.Slug)!;
        Assert.Equal((6, 50.0), (computed.Decisions, computed.OnTimePercent)); // 3, 4 and 5 days on time: 3 of 6
    }

    /// <summary>The dashboard's March requests, their procedure put online; the public figures and pages computed again.</summary>
    private async Task<OnlineSeed> SeedOnlineAsync()
    {
        var seed = await DashboardTests.SeedMarchAsync(host);
        var slug = (string)(await host.ScalarAsync(
            "UPDATE procedures SET published_form_version_id = (SELECT min(id) FROM form_versions) WHERE id = @id RETURNING slug",
            ("id", seed.ProcedureId)))!;
        var serviceName = (string)(await host.ScalarAsync("SELECT name FROM services WHERE id = @id", ("id", seed.ServiceId)))!;
        await ForgetAsync();
        return new OnlineSeed(seed, slug, serviceName);
    }

    /// <summary>Written behind the portal's back: forget the figures and the cached pages, as ten minutes would.</summary>
    private async Task ForgetAsync()
    {
        host.Services.GetRequiredService<PublicDelays>().Forget();
        await host.Services.GetRequiredService<IOutputCacheStore>().EvictByTagAsync(CataloguePageCache.Tag, default);
    }

    private static string SheetValue(Page sheet, string term) =>
        StatisticsTable.Fold(sheet.Html.QuerySelectorAll("dt").Single(dt => dt.TextContent.Trim() == term).NextElementSibling!.TextContent);

    private sealed record OnlineSeed(DashboardSeed Dashboard, string Slug, string ServiceName)
    {
        public string ProcedureTitle => Dashboard.ProcedureTitle;
        public string ServiceCode => Dashboard.ServiceCode;
    }
}
