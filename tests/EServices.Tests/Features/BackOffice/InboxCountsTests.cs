using EServices.Tests.Features.Dashboard;
using EServices.Tests.Infrastructure;

namespace EServices.Tests.Features.BackOffice;

[Collection(WebCollection.Name)]
public sealed class InboxCountsTests(HostFixture host)
{
    [Fact]
    public async Task Each_tab_shows_how_many_requests_it_holds()
    {
        var seed = await DashboardSeed.CreateAsync(host); // a service of its own: no other test's requests
        using var chief = host.NewSession();
        var me = await TestStaff.SignInAsync(host, chief, Roles.Supervisor, seed.ServiceCode);
        await seed.RequestAsync("Submitted", "2027-03-20", due: "2027-04-10");
        await seed.RequestAsync("Submitted", "2027-02-01", due: "2027-03-01"); // overdue
        await seed.RequestAsync("UnderReview", "2027-03-20", due: "2027-04-10");
        var mine = await seed.RequestAsync("UnderReview", "2027-02-01", due: "2027-03-02"); // mine, overdue
        await seed.RequestAsync("CorrectionRequested", "2027-02-01", due: "2027-03-01"); // paused: not overdue
        await seed.RequestAsync("Accepted", "2027-03-01", decided: "2027-03-10", due: "2027-03-08");
        await seed.RequestAsync("Accepted", "2027-03-02", decided: "2027-03-11", due: "2027-03-09");
        await seed.RequestAsync("Rejected", "2027-03-03", decided: "2027-03-12", due: "2027-03-10");
        await seed.RequestAsync("Draft", "2027-03-20");
        await host.ScalarAsync("UPDATE requests SET assignee_id = (SELECT id FROM \"AspNetUsers\" WHERE email = @e) WHERE number = @n",
            ("e", me.Email), ("n", mine));

        var expected = new Dictionary<string, int> { ["a-prendre"] = 2, ["mes-dossiers"] = 1, ["en-attente"] = 1, ["en-retard"] = 2, ["traitees"] = 3 };
        foreach (var (tab, count) in expected)
        {
            var page = await chief.GetAsync($"/back-office?onglet={tab}");
            var badges = page.Html.QuerySelectorAll("a[href*='onglet='] .badge").Select(b => b.TextContent).ToList();
            Assert.Equal(expected.Values.Select(v => v.ToString(System.Globalization.CultureInfo.InvariantCulture)), badges);
            Assert.Equal(count == 1 ? "1 demande" : $"{count} demandes", page.Html.QuerySelector(".results-count")!.TextContent);
        }
    }
}
