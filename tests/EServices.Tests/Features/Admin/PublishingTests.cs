using System.Globalization;
using System.Net;
using EServices.Tests.Infrastructure;

namespace EServices.Tests.Features.Admin;

[Collection(WebCollection.Name)]
public sealed class PublishingTests(HostFixture host)
{
    /// <summary>A procedure published with one required field "objet".</summary>
    private async Task<(int Id, string Slug, WebSession Admin)> PublishedAsync(string title)
    {
        var admin = host.NewSession();
        await TestStaff.SignInAsync(host, admin, Roles.Admin, null, "Salif", "Compaoré");
        var (id, slug) = await FormBuilderTests.NewProcedureAsync(host, admin, title);
        await FormBuilderTests.AddFieldAsync(admin, id, 1, ("Type", "Text"), ("Label", "Objet de la demande"), ("Key", "objet"), ("Required", "true"));
        var published = await admin.SubmitAsync(await admin.GetAsync($"/admin/demarches/{id}/formulaire"), "Publier la version 1");
        Assert.Contains("est en ligne", published.Text, StringComparison.Ordinal);
        return (id, slug, admin);
    }

    /// <summary>Files the procedure as the signed-in citizen with these answers on its one step; returns the tracking number.</summary>
    internal static async Task<string> FileAsync(WebSession citizen, string slug, params (string, string)[] answers)
    {
        var step = await citizen.SubmitAsync(await citizen.GetAsync($"/demarches/{slug}"), "Commencer la démarche");
        var review = await citizen.SubmitAsync(step, "Continuer vers le récapitulatif", answers);
        var filed = await citizen.SubmitAsync(review, "Déposer ma demande", [("declaration", "oui")]);
        Assert.StartsWith("/mes-demandes/", filed.Url, StringComparison.Ordinal);
        return filed.Url.Split('/').Last();
    }

    [Fact]
    public async Task A_request_keeps_its_version_while_version_2_is_drafted_then_published()
    {
        var (id, slug, admin) = await PublishedAsync("Demande de bourse de stage");
        using var _ = admin;
        using var citizen = host.NewSession();
        await TestUsers.SignUpAsync(citizen);
        var first = await FileAsync(citizen, slug, ("objet", "Stage à Bobo-Dioulasso"));

        // Editing the published form opens draft 2; the live form is still version 1.
        await FormBuilderTests.AddFieldAsync(admin, id, 1, ("Type", "Phone"), ("Label", "Téléphone du maître de stage"), ("Key", "telephone_maitre"), ("Required", "true"));
        var state = await admin.GetAsync($"/admin/demarches/{id}/formulaire");
        Assert.Contains("Version 1 en ligne", state.Text, StringComparison.Ordinal);
        Assert.Contains("Brouillon de la version 2", state.Text, StringComparison.Ordinal);
        using var other = host.NewSession();
        await TestUsers.SignUpAsync(other, "Mariam", "Sawadogo");
        var liveStep = await other.SubmitAsync(await other.GetAsync($"/demarches/{slug}"), "Commencer la démarche");
        Assert.Null(liveStep.Html.QuerySelector("[name=telephone_maitre]"));

        await admin.SubmitAsync(state, "Publier la version 2");
        var second = await FileAsync(citizen, slug, ("objet", "Stage à Koudougou"), ("telephone_maitre", "70112233"));

        using var agent = host.NewSession();
        await TestStaff.SignInAsync(host, agent, Roles.Agent, "DGFP");
        var v1 = await agent.GetAsync($"/back-office/demandes/{first}");
        Assert.Contains("formulaire version 1", v1.Text, StringComparison.Ordinal);
        Assert.Contains("Stage à Bobo-Dioulasso", v1.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("Téléphone du maître de stage", v1.Text, StringComparison.Ordinal);
        var v2 = await agent.GetAsync($"/back-office/demandes/{second}");
        Assert.Contains("formulaire version 2", v2.Text, StringComparison.Ordinal);
        Assert.Contains("Téléphone du maître de stage", v2.Text, StringComparison.Ordinal);

        // The draft restarted on version 1 by the other applicant still uses version 1.
        var resumed = await other.SubmitAsync(await other.GetAsync($"/demarches/{slug}"), "Commencer la démarche");
        Assert.Null(resumed.Html.QuerySelector("[name=telephone_maitre]"));
    }

    [Fact]
    public async Task Closing_stops_new_filings_while_requests_in_progress_go_on()
    {
        var (id, slug, admin) = await PublishedAsync("Demande d'attestation de stage");
        using var _ = admin;
        using var citizen = host.NewSession();
        await TestUsers.SignUpAsync(citizen);
        var number = await FileAsync(citizen, slug, ("objet", "Attestation"));

        using var late = host.NewSession();
        await TestUsers.SignUpAsync(late, "Paul", "Zongo");
        var started = await late.SubmitAsync(await late.GetAsync($"/demarches/{slug}"), "Commencer la démarche");
        var review = await late.SubmitAsync(started, "Continuer vers le récapitulatif", [("objet", "Trop tard")]);

        var closed = await admin.SubmitAsync(await admin.GetAsync($"/admin/demarches/{id}"), "Fermer aux nouvelles demandes");
        Assert.Contains("Fermée aux nouvelles demandes", closed.Text, StringComparison.Ordinal);
        var sheet = await late.GetAsync($"/demarches/{slug}");
        Assert.Contains("Cette démarche n'accepte plus de nouvelles demandes en ligne.", sheet.Text, StringComparison.Ordinal);
        Assert.DoesNotContain(sheet.Html.QuerySelectorAll("button"), b => b.TextContent.Contains("Commencer", StringComparison.Ordinal));
        var refused = await late.SubmitAsync(review, "Déposer ma demande", [("declaration", "oui")]);
        Assert.Contains("Cette démarche n'accepte plus de nouvelles demandes en ligne.", refused.Text, StringComparison.Ordinal);
        Assert.Contains("/recapitulatif", refused.Url, StringComparison.Ordinal);

        using var agent = host.NewSession();
        await TestStaff.SignInAsync(host, agent, Roles.Agent, "DGFP");
        var taken = await agent.SubmitAsync(await agent.GetAsync($"/back-office/demandes/{number}"), "Prendre la demande");
        Assert.Contains("En instruction", taken.Text, StringComparison.Ordinal);

        await admin.SubmitAsync(await admin.GetAsync($"/admin/demarches/{id}"), "Rouvrir");
        var filed = await late.SubmitAsync(review, "Déposer ma demande", [("declaration", "oui")]);
        Assert.StartsWith("/mes-demandes/", filed.Url, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Duplicating_copies_sheet_and_form_into_a_new_draft_that_is_not_online()
    {
        var (id, _, admin) = await PublishedAsync("Demande de congé de maternité");
        using var _ = admin;
        var copy = await admin.SubmitAsync(await admin.GetAsync($"/admin/demarches/{id}"), "Dupliquer");
        Assert.Contains("« Demande de congé de maternité (copie) » est créée comme brouillon", copy.Text, StringComparison.Ordinal);
        Assert.Contains("Pas encore en ligne.", copy.Text, StringComparison.Ordinal);
        Assert.Contains("Brouillon de la version 1", copy.Text, StringComparison.Ordinal);
        var copyId = copy.Url.Split('/').Last();
        var form = await admin.GetAsync($"/admin/demarches/{copyId}/formulaire");
        Assert.Contains("Objet de la demande", form.Text, StringComparison.Ordinal);
        var slug = copy.ValueOf("Slug")!;
        Assert.EndsWith("-copie", slug, StringComparison.Ordinal);
        Assert.Contains("Bientôt en ligne", (await host.NewSession().GetAsync($"/demarches/{slug}")).Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Test_filings_go_through_the_draft_are_marked_and_are_deleted_at_publication()
    {
        using var admin = host.NewSession();
        await TestStaff.SignInAsync(host, admin, Roles.Admin, null, "Salif", "Compaoré");
        var (id, slug) = await FormBuilderTests.NewProcedureAsync(host, admin, "Demande de disponibilité");
        await FormBuilderTests.AddFieldAsync(admin, id, 1, ("Type", "Text"), ("Label", "Motif"), ("Key", "motif_disponibilite"), ("Required", "true"));
        var builder = await FormBuilderTests.AddFieldAsync(admin, id, 1, ("Type", "File"), ("Label", "Justificatif"), ("Key", "justificatif"), ("Required", "true"));

        Assert.Contains("Bientôt en ligne", (await host.NewSession().GetAsync($"/demarches/{slug}")).Text, StringComparison.Ordinal);
        var step = await admin.SubmitAsync(builder, "Tester le brouillon");
        var review = await admin.SubmitAsync(step, "Continuer vers le récapitulatif", [("motif_disponibilite", "Essai du formulaire")],
            files: new Dictionary<string, Upload> { ["justificatif"] = TestFiles.Png() });
        var filed = await admin.SubmitAsync(review, "Déposer ma demande", [("declaration", "oui")]);
        var number = filed.Url.Split('/').Last();
        Assert.StartsWith("ESSAI-", number, StringComparison.Ordinal);
        // Staff follow their test request in the back-office: applicants' pages are not theirs.
        Assert.Equal($"/back-office/demandes/{number}", filed.Url);
        Assert.Equal(HttpStatusCode.Redirect, (await admin.GetAsync("/mes-demandes", follow: false)).Status);
        Assert.Contains("Les comptes du back-office ne déposent pas de demandes", (await admin.GetAsync("/demarches/attestation-de-travail")).Text, StringComparison.Ordinal);

        using var agent = host.NewSession();
        await TestStaff.SignInAsync(host, agent, Roles.Agent, "DGFP");
        var file = await agent.GetAsync($"/back-office/demandes/{number}");
        Assert.Contains("Demande de test", file.Text, StringComparison.Ordinal);
        await agent.SubmitAsync(file, "Prendre la demande");

        string Count() => Convert.ToString(host.ScalarAsync("SELECT count(*) FROM requests WHERE procedure_id = @p AND is_test", ("p", id)).Result, CultureInfo.InvariantCulture)!;
        Assert.Equal("1", Count());
        var stored = Path.Combine(host.FilesPath, (string)(await host.ScalarAsync(
            "SELECT a.storage_key FROM attachments a JOIN requests r ON r.id = a.request_id WHERE r.number = @n", ("n", number)))!);
        Assert.True(File.Exists(stored));
        await admin.SubmitAsync(await admin.GetAsync($"/admin/demarches/{id}/formulaire"), "Publier la version 1");
        Assert.Equal("0", Count());
        Assert.False(File.Exists(stored)); // the test request's files go with it
        Assert.Equal(System.Net.HttpStatusCode.NotFound, (await agent.GetAsync($"/back-office/demandes/{number}")).Status);
    }
}
