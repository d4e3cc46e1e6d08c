using EServices.Tests.Features.Filing;
using EServices.Tests.Infrastructure;

namespace EServices.Tests.Features.BackOffice;

/// <summary>A request opened from a filtered inbox knows its list (issue 19): « Demande précédente » / « Demande suivante »
/// keep the filter, and « … et passer à la suivante » makes the move then opens the next one.</summary>
[Collection(WebCollection.Name)]
public sealed class ListNavigationTests(HostFixture host)
{
    [Fact]
    public async Task From_a_filtered_inbox_each_request_links_to_its_neighbours_in_the_inbox_order_with_the_filter()
    {
        var (name, numbers) = await FiledAsync(3);
        using var agent = host.NewSession();
        await TestStaff.SignInAsync(host, agent, Roles.Agent, "DGFP");
        var inbox = await agent.GetAsync($"/back-office?q={name}");
        Assert.Equal(numbers, inbox.Html.QuerySelectorAll("table.inbox tbody td a").Select(a => a.TextContent).ToArray()); // due date, then filing time

        var first = await agent.ClickAsync(inbox, numbers[0]);
        Assert.Null(Link(first, "prev"));
        var second = await agent.GetAsync(Link(first, "next")!);
        Assert.Equal($"Demande {numbers[1]}", second.Html.QuerySelector("h1")!.TextContent);
        Assert.Contains($"q={name}", Link(second, "next"), StringComparison.Ordinal);
        var third = await agent.GetAsync(Link(second, "next")!);
        Assert.Equal($"Demande {numbers[2]}", third.Html.QuerySelector("h1")!.TextContent);
        Assert.Null(Link(third, "next"));
        Assert.Equal($"Demande {numbers[1]}", (await agent.GetAsync(Link(third, "prev")!)).Html.QuerySelector("h1")!.TextContent);

        // Opened without a list (a link from elsewhere): no neighbours.
        Assert.Null((await agent.GetAsync($"/back-office/demandes/{numbers[1]}")).Html.QuerySelector("nav.list-nav"));
    }

    [Fact]
    public async Task A_move_then_the_next_request_of_the_list_and_after_the_last_one_the_list_itself()
    {
        var (name, numbers) = await FiledAsync(2);
        using var agent = host.NewSession();
        await TestStaff.SignInAsync(host, agent, Roles.Agent, "DGFP");
        var inbox = await agent.GetAsync($"/back-office?onglet=a-prendre&q={name}");

        var first = await agent.SubmitAsync(await agent.ClickAsync(inbox, numbers[0]), "Prendre la demande");
        Assert.Contains($"Demande {numbers[0]} : en instruction.", first.Text, StringComparison.Ordinal);
        Assert.NotNull(Link(first, "next")); // taken, it left « à prendre », and still knows where it stood

        var second = await agent.SubmitAsync(first, "Accepter et passer à la suivante");
        Assert.Equal($"Demande {numbers[1]}", second.Html.QuerySelector("h1")!.TextContent);
        Assert.Contains($"Demande {numbers[0]} : acceptée.", second.Text, StringComparison.Ordinal);
        Assert.Equal("Accepted", await host.ScalarAsync("SELECT status FROM requests WHERE number = @n", ("n", numbers[0])));

        var done = await agent.SubmitAsync(await agent.SubmitAsync(second, "Prendre la demande"), "Classer et passer à la suivante", [("raison", "Doublon de la demande précédente.")]);
        Assert.Equal("/back-office", done.Url.Split('?')[0]);
        Assert.Contains($"q={name}", done.Url, StringComparison.Ordinal);
        Assert.Contains("C'était la dernière demande de cette liste.", done.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_list_that_cannot_be_read_is_ignored_and_a_refused_move_keeps_the_list()
    {
        var (name, numbers) = await FiledAsync(2);
        using var agent = host.NewSession();
        await TestStaff.SignInAsync(host, agent, Roles.Agent, "DGFP");
        var page = await agent.ClickAsync(await agent.GetAsync($"/back-office?q={name}"), numbers[0]);
        await agent.SubmitAsync(page, "Prendre la demande");

        // A reason left out: the page comes back with its error and still knows its list.
        var refused = await agent.SubmitAsync(await agent.GetAsync($"/back-office/demandes/{numbers[0]}?onglet=mes-dossiers&q={name}"),
            "Rejeter et passer à la suivante", [("motif", "")]);
        Assert.Equal(System.Net.HttpStatusCode.BadRequest, refused.Status);
        Assert.NotNull(refused.ErrorFor("motif"));
        Assert.NotNull(refused.Html.QuerySelector("nav.list-nav"));

        foreach (var odd in new[] { "onglet=inconnu&statut=99&du=2027-02-30&etiquette=-1", "onglet=&q=%C3%A9%C3%A9", "onglet=a-prendre&statut=Draft&au=hier&etiquette=99999999999" })
        {
            var shown = await agent.GetAsync($"/back-office/demandes/{numbers[1]}?{odd}");
            Assert.Equal(System.Net.HttpStatusCode.OK, shown.Status);
            Assert.NotNull(shown.Html.QuerySelector("nav.list-nav"));
        }

        Assert.Equal(System.Net.HttpStatusCode.BadRequest, (await agent.GetAsync($"/back-office/demandes/{numbers[1]}?onglet=a-prendre&q=%00")).Status); // NUL, refused everywhere

        var forged = await agent.SubmitAsync(await agent.GetAsync($"/back-office/demandes/{numbers[1]}?q={name}&onglet=a-prendre"), "Prendre la demande",
            [("liste", "%%%&&==?onglet=a-prendre&etiquette=abc"), ("ensuite", "suivante")]);
        Assert.Contains($"Demande {numbers[1]} : en instruction.", forged.Text, StringComparison.Ordinal);
    }

    private async Task<(string Name, string[] Numbers)> FiledAsync(int count)
    {
        using var applicant = host.NewSession();
        var name = $"Nav{Guid.NewGuid():N}"[..12];
        await TestUsers.SignUpAsync(applicant, "Awa", name);
        var numbers = new List<string>();
        for (var i = 0; i < count; i++)
        {
            numbers.Add(await AttestationJourney.FileAsync(applicant));
        }

        return (name, [.. numbers]);
    }

    private static string? Link(Page page, string rel) => page.Html.QuerySelector($"nav.list-nav a[rel={rel}]")?.GetAttribute("href");
}
