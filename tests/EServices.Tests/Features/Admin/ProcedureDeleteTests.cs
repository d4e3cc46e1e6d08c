using System.Net;
using System.Text.RegularExpressions;
using EServices.Tests.Infrastructure;

namespace EServices.Tests.Features.Admin;

/// <summary>Test procedures used to stay in the catalogue for good: one never published and without any request may go.</summary>
[Collection(WebCollection.Name)]
public sealed partial class ProcedureDeleteTests(HostFixture host)
{
    [Fact]
    public async Task A_new_sheet_lands_on_its_procedure_which_can_then_be_deleted_after_confirmation_and_is_journaled()
    {
        using var admin = host.NewSession();
        await TestStaff.SignInAsync(host, admin, Roles.Admin, null, "Salif", "Compaoré");
        var before = await CatalogueCountAsync();

        var title = $"Démarche d'essai {Guid.NewGuid():N}"[..26];
        var form = await admin.GetAsync("/admin/demarches/nouvelle");
        var slug = $"essai-{Guid.NewGuid():N}"[..24];
        var saved = await admin.SubmitAsync(form, "Enregistrer la fiche",
        [
            ("Title", title), ("Slug", slug), ("Summary", "Une démarche créée pour essayer."), ("FeeXof", "0"), ("TargetDelayDays", "10"),
            ("CategoryId", Option(form, "CategoryId", "Carrière des agents publics")), ("ServiceId", Option(form, "ServiceId", "DGFP")), ("Audiences", "agents-publics"), ("PaperProcedure", "Au guichet de la DGFP."),
        ]);
        var id = Convert.ToInt32(await host.ScalarAsync("SELECT id FROM procedures WHERE slug = @s", ("s", slug)), System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal($"/admin/demarches/{id}", saved.Url); // on to the new procedure, not back to the list
        Assert.Contains($"La fiche « {title} » est enregistrée.", saved.Text, StringComparison.Ordinal);
        Assert.Equal(before + 1, await CatalogueCountAsync());

        var confirm = await admin.ClickAsync(saved, "Supprimer");
        Assert.Equal($"/admin/demarches/{id}/supprimer", confirm.Url);
        Assert.Contains("n'a jamais été publiée et n'a aucune demande", confirm.Text, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await host.NewSession().GetAsync($"/demarches/{slug}")).Status); // nothing gone yet

        var deleted = await admin.SubmitAsync(confirm, "Supprimer définitivement");
        Assert.Equal("/admin/demarches", deleted.Url);
        Assert.Contains($"La démarche « {title} » est supprimée.", deleted.Text, StringComparison.Ordinal);
        Assert.DoesNotContain(deleted.Html.QuerySelectorAll("tbody a"), a => a.TextContent == title);
        Assert.Equal(HttpStatusCode.NotFound, (await host.NewSession().GetAsync($"/demarches/{slug}")).Status);
        Assert.Equal(before, await CatalogueCountAsync());
        Assert.Equal(0L, await host.ScalarAsync("SELECT count(*) FROM form_versions WHERE procedure_id = @id", ("id", id)));

        var journal = await admin.GetAsync($"/admin/journal?cible={Uri.EscapeDataString(title)}");
        Assert.Contains("Démarche supprimée", journal.Html.QuerySelector("tbody tr")!.TextContent, StringComparison.Ordinal);
    }

    private static string Option(Page form, string select, string startingWith) =>
        form.Html.QuerySelectorAll($"#{select} option").Single(o => o.TextContent.StartsWith(startingWith, StringComparison.Ordinal)).GetAttribute("value")!;

    /// <summary>"The N sur M démarches en ligne" shown on the home page: M counts every procedure of the catalogue.</summary>
    private async Task<int> CatalogueCountAsync()
    {
        var home = await host.NewSession().GetAsync("/");
        return int.Parse(OnlineCount().Match(home.Text).Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
    }

    [Fact]
    public async Task A_published_procedure_or_one_with_a_request_cannot_be_deleted_even_by_a_forged_post()
    {
        using var admin = host.NewSession();
        await TestStaff.SignInAsync(host, admin, Roles.Admin, null, "Salif", "Compaoré");
        var published = Convert.ToInt32(await host.ScalarAsync("SELECT id FROM procedures WHERE slug = 'attestation-de-travail'"), System.Globalization.CultureInfo.InvariantCulture);

        Assert.DoesNotContain((await admin.GetAsync($"/admin/demarches/{published}")).Html.QuerySelectorAll("a"), a => a.TextContent == "Supprimer");
        var refusal = await admin.GetAsync($"/admin/demarches/{published}/supprimer");
        Assert.Contains("Cette démarche a été publiée : elle ne peut pas être supprimée", refusal.Text, StringComparison.Ordinal);
        Assert.Empty(refusal.Html.QuerySelectorAll("form[action$='/supprimer']"));

        // A procedure never published, with one test request: refused too.
        var (tested, _) = await FormBuilderTests.NewProcedureAsync(host, admin, "Démarche testée");
        await FormBuilderTests.AddFieldAsync(admin, tested, 1, ("Type", "Text"), ("Label", "Votre nom"), ("Key", "nom_agent"));
        var trial = await admin.SubmitAsync(await admin.GetAsync($"/admin/demarches/{tested}"), "Tester le brouillon (demande de test)");
        Assert.Contains("/etapes/1", trial.Url, StringComparison.Ordinal);
        Assert.Contains("Cette démarche a 1 demande (brouillons et demandes de test compris) : elle ne peut pas être supprimée.",
            (await admin.GetAsync($"/admin/demarches/{tested}/supprimer")).Text, StringComparison.Ordinal);

        // The confirmation form of a deletable one, posted to the others' addresses.
        var (other, _) = await FormBuilderTests.NewProcedureAsync(host, admin, "Démarche à garder");
        foreach (var target in new[] { published, tested })
        {
            var form = await admin.GetAsync($"/admin/demarches/{other}/supprimer");
            form.Html.QuerySelector("form[action$='/supprimer']")!.SetAttribute("action", $"/admin/demarches/{target}/supprimer");
            var refused = await admin.SubmitAsync(form, "Supprimer définitivement");
            Assert.Equal(HttpStatusCode.OK, refused.Status);
            Assert.Contains("elle ne peut pas être supprimée", refused.Text, StringComparison.Ordinal);
            Assert.Equal(1L, await host.ScalarAsync("SELECT count(*) FROM procedures WHERE id = @id", ("id", target)));
        }

        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync("/admin/demarches/999999/supprimer")).Status);
        using var agent = host.NewSession();
        await TestStaff.SignInAsync(host, agent, Roles.Supervisor, "DGFP");
        Assert.NotEqual(HttpStatusCode.OK, (await agent.GetAsync($"/admin/demarches/{other}/supprimer", follow: false)).Status);
    }

    [GeneratedRegex(@"\d+ sur (\d+) démarches en ligne")]
    private static partial Regex OnlineCount();
}
