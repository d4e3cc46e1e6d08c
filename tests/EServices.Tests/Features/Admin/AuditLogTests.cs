using System.Net;
using EServices.Tests.Features.Filing;
using EServices.Tests.Infrastructure;

namespace EServices.Tests.Features.Admin;

[Collection(WebCollection.Name)]
public sealed class AuditLogTests(HostFixture host)
{
    private const string SignIn = "Connexion au back-office (mot de passe et code de l'application)";

    [Fact]
    public async Task Administration_changes_and_request_moves_appear_in_the_journal_and_filters_narrow_them()
    {
        var adminLast = $"Compaoré{Guid.NewGuid():N}"[..14];
        var agentLast = $"Kaboré{Guid.NewGuid():N}"[..12];
        var service = await TestCatalogue.CreateServiceAsync(host);
        using var admin = host.NewSession();
        await TestStaff.SignInAsync(host, admin, Roles.Admin, null, "Salif", adminLast);

        // Administration changes: a service edited, a group created, an agent deactivated.
        await admin.SubmitAsync(await admin.GetAsync($"/admin/services/{service.Id}"), "Enregistrer", [("SignatoryName", "Mariam Sawadogo")]);
        await GroupsTests.CreateGroupAsync(admin, service, "Kadiogo", isDefault: true);

        // A request moves: filed by an applicant, taken by an agent of the DGFP.
        using var applicant = host.NewSession();
        await TestUsers.SignUpAsync(applicant);
        var number = await AttestationJourney.FileAsync(applicant);
        using var agent = host.NewSession();
        var agentUser = await TestStaff.SignInAsync(host, agent, Roles.Agent, "DGFP", "Issa", agentLast);
        await agent.SubmitAsync(await agent.GetAsync($"/back-office/demandes/{number}"), "Prendre la demande");
        var account = await admin.ClickAsync(await admin.GetAsync("/admin/agents"), $"Issa {agentLast.ToUpperInvariant()}");
        await admin.SubmitAsync(account, "Désactiver le compte");

        var journal = await admin.ClickAsync(await admin.GetAsync("/admin"), "Journal des actions");
        Assert.Equal(HttpStatusCode.OK, journal.Status);

        var onRequest = await admin.GetAsync($"/admin/journal?cible={number}");
        Assert.Equal(["Prise en charge (état : En instruction)", "Demande déposée (état : Déposée)"], Column(onRequest, 2));
        Assert.Equal($"Issa {agentLast.ToUpperInvariant()}", Column(onRequest, 1)[0]);
        Assert.All(onRequest.Html.QuerySelectorAll("tbody a"), a => Assert.Equal($"/back-office/demandes/{number}", a.GetAttribute("href")));
        Assert.Contains("Attestation de travail", onRequest.Html.QuerySelector("tbody")!.TextContent, StringComparison.Ordinal);

        var byAgent = await admin.GetAsync($"/admin/journal?qui={agentLast.ToLowerInvariant()}");
        Assert.Equal(["Prise en charge (état : En instruction)", SignIn], Column(byAgent, 2));

        var byAdmin = await admin.GetAsync($"/admin/journal?qui={adminLast}");
        Assert.Equal(["Agent désactivé", "Groupe créé (groupe par défaut)", "Service modifié", SignIn], Column(byAdmin, 2));
        Assert.All(Column(byAdmin, 1), who => Assert.Equal($"Salif {adminLast.ToUpperInvariant()}", who));
        Assert.Equal($"/admin/services/{service.Id}", byAdmin.Html.QuerySelectorAll("tbody tr")[^2].QuerySelector("a")!.GetAttribute("href"));

        var services = await admin.GetAsync($"/admin/journal?qui={adminLast}&type=service&cible={service.Code}");
        Assert.Equal(["Service modifié"], Column(services, 2));
        var staff = await admin.GetAsync($"/admin/journal?type=agent&cible={agentUser.Email}");
        Assert.Equal(["Agent désactivé"], Column(staff, 2));

        Assert.Equal(2, Column(await admin.GetAsync($"/admin/journal?cible={number}&du=26/03/2027&au=2027-03-26"), 2).Count);
        Assert.Contains("Aucune action.", (await admin.GetAsync($"/admin/journal?cible={number}&au=2027-03-25")).Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Bad_dates_are_shown_back_with_a_french_message_next_to_the_field()
    {
        using var admin = host.NewSession();
        await TestStaff.SignInAsync(host, admin, Roles.Admin, null, "Salif", "Compaoré");
        var bad = await admin.GetAsync("/admin/journal?du=32/13/2027&qui=Issa");
        Assert.Equal(HttpStatusCode.BadRequest, bad.Status);
        Assert.Equal("Saisissez une date valide, par exemple 26/03/2027.", bad.ErrorFor("du"));
        Assert.Equal("32/13/2027", bad.Html.GetElementById("du")!.GetAttribute("value"));
        Assert.Equal("Issa", bad.ValueOf("qui"));

        var backwards = await admin.GetAsync("/admin/journal?du=2027-03-26&au=2027-03-01");
        Assert.Equal(HttpStatusCode.BadRequest, backwards.Status);
        Assert.Equal("La date de fin doit être le jour de la date de début ou après.", backwards.ErrorFor("au"));
    }

    [Fact]
    public async Task Only_administrators_read_the_journal()
    {
        using var supervisor = host.NewSession();
        await TestStaff.SignInAsync(host, supervisor, Roles.Supervisor, "DGFP");
        var refused = await supervisor.GetAsync("/admin/journal", follow: false);
        Assert.Contains("/compte/acces-refuse", refused.Location, StringComparison.Ordinal);
    }

    /// <summary>The texts of one column of the journal's rows, newest first.</summary>
    private static List<string> Column(Page page, int index) =>
        page.Html.QuerySelectorAll("tbody tr").Select(r => r.QuerySelectorAll("td")[index].TextContent.Trim()).ToList();
}
