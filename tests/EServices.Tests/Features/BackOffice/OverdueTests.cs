using EServices.Tests.Features.Filing;
using EServices.Tests.Infrastructure;

namespace EServices.Tests.Features.BackOffice;

[Collection(WebCollection.Name)]
public sealed class OverdueTests(HostFixture host)
{
    [Fact]
    public async Task A_request_past_its_due_date_stands_out_in_the_inbox_and_on_its_page_but_not_while_waiting_for_the_applicant()
    {
        using var applicant = host.NewSession();
        await TestUsers.SignUpAsync(applicant);
        var number = await AttestationJourney.FileAsync(applicant);
        await host.ScalarAsync("UPDATE requests SET due_on = DATE '2027-03-01' WHERE number = @n", ("n", number));

        using var agent = host.NewSession();
        await TestStaff.SignInAsync(host, agent, Roles.Agent, "DGFP");
        var overdue = await agent.GetAsync($"/back-office?onglet=en-retard&q={number}");
        var row = overdue.Html.QuerySelectorAll("table.inbox tbody tr").Single();
        Assert.Contains("01/03/2027 (en retard)", row.TextContent, StringComparison.Ordinal);
        Assert.NotNull(row.QuerySelector("td.overdue"));

        var page = await agent.GetAsync($"/back-office/demandes/{number}");
        Assert.Contains("01/03/2027 — en retard", page.Text, StringComparison.Ordinal);

        var taken = await agent.SubmitAsync(page, "Prendre la demande");
        var waiting = await agent.SubmitAsync(taken, "Demander le complément", [("champs", "cnib"), ("message", "CNIB expirée"), ("echeance", "2027-04-30")]);
        Assert.DoesNotContain("en retard", waiting.Text, StringComparison.Ordinal);
        Assert.Empty((await agent.GetAsync($"/back-office?onglet=en-retard&q={number}")).Html.QuerySelectorAll("table.inbox tbody tr"));
    }
}
