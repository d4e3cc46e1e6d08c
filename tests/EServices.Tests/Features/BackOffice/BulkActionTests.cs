using System.Net;
using EServices.Tests.Features.Filing;
using EServices.Tests.Infrastructure;

namespace EServices.Tests.Features.BackOffice;

[Collection(WebCollection.Name)]
public sealed class BulkActionTests(HostFixture host)
{
    /// <summary>Files attestations for one new applicant, whose unique last name finds exactly them in the inbox.</summary>
    private async Task<(string Name, List<string> Numbers, TestUser User)> FiledAsync(int count)
    {
        using var applicant = host.NewSession();
        var name = $"Lot{Guid.NewGuid():N}"[..12];
        var user = await TestUsers.SignUpAsync(applicant, "Awa", name);
        var numbers = new List<string>();
        for (var i = 0; i < count; i++)
        {
            numbers.Add(await AttestationJourney.FileAsync(applicant));
        }

        return (name, numbers, user);
    }

    [Fact]
    public async Task A_bulk_take_moves_each_row_on_its_own_and_reports_the_one_that_cannot_move()
    {
        var (name, numbers, user) = await FiledAsync(3);
        using var colleague = host.NewSession();
        await TestStaff.SignInAsync(host, colleague, Roles.Agent, "DGFP", "Boukary", "Zongo");
        await colleague.SubmitAsync(await colleague.GetAsync($"/back-office/demandes/{numbers[1]}"), "Prendre la demande");

        using var agent = host.NewSession();
        await TestStaff.SignInAsync(host, agent, Roles.Agent, "DGFP");
        var inbox = await agent.GetAsync($"/back-office?q={name}&onglet=a-prendre");
        Assert.Equal(2, inbox.Html.QuerySelectorAll("table.inbox tbody tr").Length);

        // The agent had the three in view before the colleague acted: all three are posted.
        var result = await agent.SubmitAsync(inbox, "Appliquer aux demandes cochées", numbers.Select(n => ("numeros", n)).Append(("operation", "prendre")));
        Assert.Contains("2 demande(s) traitée(s) sur 3", result.Text, StringComparison.Ordinal);
        var rows = result.Html.QuerySelectorAll("tbody tr").ToDictionary(r => r.QuerySelector("a")!.TextContent, r => r.TextContent);
        Assert.Contains("✓", rows[numbers[0]], StringComparison.Ordinal);
        Assert.Contains("Action impossible : la demande est « En instruction ».", rows[numbers[1]], StringComparison.Ordinal);
        Assert.Contains("✓", rows[numbers[2]], StringComparison.Ordinal);

        await host.Mailbox.WaitForAsync(user.Email, $"Demande {numbers[2]} : en instruction");
        var mine = await agent.GetAsync($"/back-office?onglet=mes-dossiers&q={name}");
        Assert.Equal([numbers[0], numbers[2]], mine.Html.QuerySelectorAll("table.inbox tbody td a").Select(a => a.TextContent).Order().ToArray());
    }

    [Fact]
    public async Task A_bulk_rejection_needs_its_reason_keeps_the_selection_and_then_rejects_each_with_it()
    {
        var (name, numbers, user) = await FiledAsync(2);
        using var agent = host.NewSession();
        await TestStaff.SignInAsync(host, agent, Roles.Agent, "DGFP");
        var inbox = await agent.GetAsync($"/back-office?q={name}");
        var taken = await agent.SubmitAsync(inbox, "Appliquer aux demandes cochées", numbers.Select(n => ("numeros", n)).Append(("operation", "prendre")));
        Assert.Contains("2 demande(s) traitée(s) sur 2", taken.Text, StringComparison.Ordinal);

        var mine = await agent.GetAsync($"/back-office?onglet=mes-dossiers&q={name}");
        var refused = await agent.SubmitAsync(mine, "Appliquer aux demandes cochées", numbers.Select(n => ("numeros", n)).Append(("operation", "rejeter")).Append(("motif", "")));
        Assert.Equal(HttpStatusCode.BadRequest, refused.Status);
        Assert.StartsWith("Indiquez le motif du rejet", refused.Html.QuerySelector("#lot-motif-erreur")!.TextContent, StringComparison.Ordinal);
        Assert.All(numbers, n => Assert.NotNull(refused.Html.QuerySelector($"input[value='{n}'][checked]")));

        var rejected = await agent.SubmitAsync(refused, "Appliquer aux demandes cochées", [("motif", "Pièces non conformes.")]);
        Assert.Contains("2 demande(s) traitée(s) sur 2", rejected.Text, StringComparison.Ordinal);
        foreach (var number in numbers)
        {
            var email = await host.Mailbox.WaitForAsync(user.Email, $"Demande {number} : rejetée");
            Assert.Contains("Pièces non conformes.", email.TextBody, StringComparison.Ordinal);
        }
    }
}
