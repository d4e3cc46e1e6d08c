using System.Net;
using AngleSharp.Html.Dom;
using EServices.Tests.Infrastructure;

namespace EServices.Tests.Features.Admin;

[Collection(WebCollection.Name)]
public sealed class GroupsTests(HostFixture host)
{
    [Fact]
    public async Task The_same_group_saved_at_once_from_several_tabs_is_created_once_and_the_others_are_told()
    {
        var service = await TestCatalogue.CreateServiceAsync(host);
        using var admin = host.NewSession();
        await TestStaff.SignInAsync(host, admin, Roles.Admin, null, "Salif", "Compaoré");
        var form = await admin.GetAsync($"/admin/services/{service.Id}/groupes/nouveau");
        var pages = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ =>
            admin.SubmitAsync(form, "Enregistrer le groupe", [("Name", "Direction régionale des Cascades"), ("IsDefault", "true")], follow: false)));
        Assert.All(pages, p => Assert.True(p.Status is HttpStatusCode.Redirect or HttpStatusCode.BadRequest or HttpStatusCode.Conflict, $"{p.Status}"));
        Assert.Contains(pages, p => p.Status == HttpStatusCode.Redirect);
        Assert.All(pages.Where(p => p.Status != HttpStatusCode.Redirect), p => Assert.NotNull(p.ErrorFor("Name")));
        Assert.Equal(1L, await host.ScalarAsync("SELECT count(*) FROM service_groups WHERE service_id = @s", ("s", service.Id)));
    }

    [Fact]
    public async Task Groups_are_created_renamed_and_deleted_with_one_default_per_service_and_french_errors()
    {
        var service = await TestCatalogue.CreateServiceAsync(host);
        using var admin = host.NewSession();
        await TestStaff.SignInAsync(host, admin, Roles.Admin, null, "Salif", "Compaoré");
        var list = await admin.ClickAsync(await admin.GetAsync("/admin/services"), $"Groupes du service {service.Code}");
        Assert.Contains("Ce service n'a pas encore de groupe", list.Text, StringComparison.Ordinal);

        var form = await admin.ClickAsync(list, "Ajouter un groupe");
        var empty = await admin.SubmitAsync(form, "Enregistrer le groupe", [("Name", "  ")]);
        Assert.Equal(HttpStatusCode.BadRequest, empty.Status);
        Assert.StartsWith("Saisissez le nom du groupe", empty.ErrorFor("Name"), StringComparison.Ordinal);

        var centre = await admin.SubmitAsync(empty, "Enregistrer le groupe", [("Name", "Direction régionale du Centre"), ("IsDefault", "true")]);
        Assert.Contains("Groupe « Direction régionale du Centre » enregistré.", centre.Text, StringComparison.Ordinal);
        Assert.Equal("Groupe par défaut", Row(centre, "Direction régionale du Centre").Cells[1].TextContent);

        var twice = await admin.SubmitAsync(await admin.ClickAsync(centre, "Ajouter un groupe"), "Enregistrer le groupe", [("Name", "direction régionale du centre")]);
        Assert.Equal(HttpStatusCode.BadRequest, twice.Status);
        Assert.Equal($"Le service {service.Code} a déjà un groupe de ce nom.", twice.ErrorFor("Name"));
        Assert.Equal("direction régionale du centre", twice.ValueOf("Name"));

        // A second default takes the role from the first: one default group per service.
        var ouest = await admin.SubmitAsync(twice, "Enregistrer le groupe", [("Name", "Direction régionale de l'Ouest"), ("IsDefault", "true")]);
        Assert.Equal("Groupe par défaut", Row(ouest, "Direction régionale de l'Ouest").Cells[1].TextContent);
        Assert.Equal("—", Row(ouest, "Direction régionale du Centre").Cells[1].TextContent);

        var edit = await admin.ClickAsync(ouest, "Direction régionale du Centre");
        Assert.Equal("Groupe « Direction régionale du Centre »", edit.Html.QuerySelector("h1")!.TextContent);
        var renamed = await admin.SubmitAsync(edit, "Enregistrer le groupe", [("Name", "Direction régionale du Centre (Ouagadougou)")]);
        Assert.Contains("Direction régionale du Centre (Ouagadougou)", Row(renamed, "Direction régionale du Centre (Ouagadougou)").TextContent, StringComparison.Ordinal);

        var deleted = await admin.SubmitAsync(renamed, "Supprimer le groupe Direction régionale du Centre (Ouagadougou)");
        Assert.Contains("Groupe « Direction régionale du Centre (Ouagadougou) » supprimé.", deleted.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("Ouagadougou", deleted.Html.QuerySelector("table")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_new_request_goes_to_the_group_its_region_picks_else_to_the_default_group_and_agents_see_their_groups_requests()
    {
        var service = await TestCatalogue.CreateServiceAsync(host);
        var procedure = await TestCatalogue.CreateRegionalProcedureAsync(host, service.Id);
        using var admin = host.NewSession();
        await TestStaff.SignInAsync(host, admin, Roles.Admin, null, "Salif", "Compaoré");
        var centre = await CreateGroupAsync(admin, service, "Centre", isDefault: false);
        var ouest = await CreateGroupAsync(admin, service, "Ouest", isDefault: true);

        // Routing: the region field, Kadiogo to the Centre group; a group of another service is refused.
        var routing = await admin.GetAsync($"/admin/demarches/{procedure.Id}/orientation");
        Assert.Contains("Région de résidence (région)", routing.Html.QuerySelector("#champ")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("Demande urgente (oui ou non)", routing.Html.QuerySelector("#champ")!.TextContent, StringComparison.Ordinal);
        routing = await admin.GetAsync($"/admin/demarches/{procedure.Id}/orientation?champ=region");
        var kadiogo = Line(routing, "kadiogo");
        var sirba = Line(routing, "sirba");
        var refused = await admin.SubmitAsync(routing, "Enregistrer l'orientation", [($"Rules[{kadiogo}].Group", centre), ($"Rules[{sirba}].Group", "999999")]);
        Assert.Equal(HttpStatusCode.BadRequest, refused.Status);
        Assert.Equal("Choisissez un groupe du service pour « Sirba », ou le groupe par défaut.", refused.ErrorFor($"Rules-{sirba}-Group"));
        Assert.Equal(centre, refused.Html.QuerySelector($"#Rules-{kadiogo}-Group option[selected]")!.GetAttribute("value"));
        var saved = await admin.SubmitAsync(refused, "Enregistrer l'orientation", [($"Rules[{sirba}].Group", "")]);
        Assert.Contains($"Orientation de « {procedure.Title} » enregistrée.", saved.Text, StringComparison.Ordinal);
        Assert.Equal(centre, saved.Html.QuerySelector($"#Rules-{kadiogo}-Group option[selected]")!.GetAttribute("value"));

        // Filing: Kadiogo lands in Centre, Guiriko (no rule) in the default group.
        using var applicant = host.NewSession();
        await TestUsers.SignUpAsync(applicant);
        var inCentre = await TestCatalogue.FileAsync(applicant, procedure, "kadiogo");
        var inOuest = await TestCatalogue.FileAsync(applicant, procedure, "guiriko");
        Assert.Equal(int.Parse(centre), await host.ScalarAsync("SELECT group_id FROM requests WHERE number = @n", ("n", inCentre)));
        Assert.Equal(int.Parse(ouest), await host.ScalarAsync("SELECT group_id FROM requests WHERE number = @n", ("n", inOuest)));

        // An agent of the Centre group (membership ticked on the staff page) sees its request only.
        var last = $"Centre{Guid.NewGuid():N}"[..12];
        var agent = await TestStaff.CreateAsync(host, Roles.Agent, service.Code, "Awa", last);
        var account = await admin.ClickAsync(await admin.GetAsync("/admin/agents"), $"Awa {last.ToUpperInvariant()}");
        Assert.Equal(["Centre", "Ouest"], account.Html.QuerySelectorAll("input[name=Groups]").Select(i => i.ParentElement!.TextContent.Trim()[(service.Code.Length + 3)..]).ToArray());
        await admin.SubmitAsync(account, "Enregistrer", [("Groups", centre)]);
        using var agentSession = host.NewSession();
        await StaffSession.SignInAsync(agentSession, agent);
        var own = await agentSession.GetAsync($"/back-office/demandes/{inCentre}");
        Assert.Equal(HttpStatusCode.OK, own.Status);
        Assert.Contains("Groupe Centre", own.Text, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await agentSession.GetAsync($"/back-office/demandes/{inOuest}")).Status);
        Assert.Contains(inCentre, (await agentSession.GetAsync("/back-office")).Text, StringComparison.Ordinal);
        Assert.DoesNotContain(inOuest, (await agentSession.GetAsync("/back-office")).Text, StringComparison.Ordinal);

        // The head of service, and an agent in no group, see both.
        using var supervisor = host.NewSession();
        await TestStaff.SignInAsync(host, supervisor, Roles.Supervisor, service.Code, "Aminata", "Traoré");
        Assert.Equal(HttpStatusCode.OK, (await supervisor.GetAsync($"/back-office/demandes/{inCentre}")).Status);
        Assert.Equal(HttpStatusCode.OK, (await supervisor.GetAsync($"/back-office/demandes/{inOuest}")).Status);
        using var ungrouped = host.NewSession();
        await TestStaff.SignInAsync(host, ungrouped, Roles.Agent, service.Code, "Issa", "Kaboré");
        Assert.Equal(HttpStatusCode.OK, (await ungrouped.GetAsync($"/back-office/demandes/{inOuest}")).Status);

        // A group that requests point to stays; unticking the service takes the agent out of its groups.
        var kept = await admin.SubmitAsync(await admin.GetAsync($"/admin/services/{service.Id}/groupes"), "Supprimer le groupe Centre");
        Assert.Contains("Le groupe « Centre » ne peut pas être supprimé : 1 demande(s) lui sont attribuée(s).", kept.Text, StringComparison.Ordinal);
        account = await admin.ClickAsync(await admin.GetAsync("/admin/agents"), $"Awa {last.ToUpperInvariant()}");
        var other = account.Html.QuerySelectorAll("input[name=Services]").First(i => !i.ParentElement!.TextContent.Contains(service.Code, StringComparison.Ordinal)).GetAttribute("value")!;
        await admin.SubmitAsync(account, "Enregistrer", [("Services", other)]);
        Assert.Equal(0L, await host.ScalarAsync("SELECT count(*) FROM group_members m JOIN \"AspNetUsers\" u ON u.id = m.user_id WHERE u.email = @e", ("e", agent.Email)));
    }

    /// <summary>Creates a group through the pages and returns its id.</summary>
    internal static async Task<string> CreateGroupAsync(WebSession admin, TestService service, string name, bool isDefault)
    {
        var form = await admin.GetAsync($"/admin/services/{service.Id}/groupes/nouveau");
        var list = await admin.SubmitAsync(form, "Enregistrer le groupe", isDefault ? [("Name", name), ("IsDefault", "true")] : [("Name", name)]);
        return Row(list, name).QuerySelector("a")!.GetAttribute("href")!.Split('/').Last();
    }

    private static IHtmlTableRowElement Row(Page page, string group) =>
        page.Html.QuerySelectorAll("tbody tr").OfType<IHtmlTableRowElement>().Single(r => r.QuerySelector("a")?.TextContent == group);

    /// <summary>The index of a value's line in the routing table.</summary>
    private static int Line(Page page, string value) =>
        page.Html.QuerySelectorAll("input[type=hidden][name$='.Value']").Select(i => i.GetAttribute("value")).ToList().IndexOf(value);
}
