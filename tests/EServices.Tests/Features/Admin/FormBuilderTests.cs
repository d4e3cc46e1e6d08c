using System.Net;
using EServices.Tests.Infrastructure;

namespace EServices.Tests.Features.Admin;

[Collection(WebCollection.Name)]
public sealed class FormBuilderTests(HostFixture host)
{
    /// <summary>A new procedure of the DGFP, not online, through the sheet editor; returns its id and slug.</summary>
    internal static async Task<(int Id, string Slug)> NewProcedureAsync(HostFixture host, WebSession admin, string title)
    {
        var form = await admin.GetAsync("/admin/demarches/nouvelle");
        var slug = $"essai-{Guid.NewGuid():N}"[..24];
        var category = form.Html.QuerySelectorAll("#CategoryId option").Single(o => o.TextContent == "Carrière des agents publics").GetAttribute("value")!;
        var service = form.Html.QuerySelectorAll("#ServiceId option").Single(o => o.TextContent.StartsWith("DGFP", StringComparison.Ordinal)).GetAttribute("value")!;
        var saved = await admin.SubmitAsync(form, "Enregistrer la fiche",
        [
            ("Title", title), ("Slug", slug), ("Summary", "Une démarche créée sans développeur."), ("FeeXof", "0"), ("TargetDelayDays", "10"),
            ("CategoryId", category), ("ServiceId", service), ("Audiences", "agents-publics"), ("PaperProcedure", "Au guichet de la DGFP."),
        ]);
        Assert.Contains($"La fiche « {title} » est enregistrée.", saved.Text, StringComparison.Ordinal);
        var id = Convert.ToInt32(await host.ScalarAsync("SELECT id FROM procedures WHERE slug = @s", ("s", slug)), System.Globalization.CultureInfo.InvariantCulture);
        return (id, slug);
    }

    internal static async Task<Page> AddFieldAsync(WebSession admin, int id, int step, params (string, string)[] values)
    {
        var form = await admin.GetAsync($"/admin/demarches/{id}/formulaire/champs/nouveau?etape={step}");
        return await admin.SubmitAsync(form, "Enregistrer le champ", values);
    }

    [Fact]
    public async Task Fields_are_built_without_code_and_a_change_that_breaks_the_form_is_refused_in_french()
    {
        using var admin = host.NewSession();
        await TestStaff.SignInAsync(host, admin, Roles.Admin, null, "Salif", "Compaoré");
        var (id, _) = await NewProcedureAsync(host, admin, "Demande de mutation");

        var empty = await admin.GetAsync($"/admin/demarches/{id}/formulaire");
        Assert.Contains("Étape 1 : l'étape ne contient aucun champ.", empty.Text, StringComparison.Ordinal);

        var noChoices = await AddFieldAsync(admin, id, 1, ("Type", "Choice"), ("Label", "Motif de la mutation"), ("Key", "motif_mutation"), ("Options", ""));
        Assert.Equal(HttpStatusCode.BadRequest, noChoices.Status);
        Assert.Equal("Saisissez les choix proposés, un par ligne.", noChoices.ErrorFor("Options"));
        Assert.Equal("Motif de la mutation", noChoices.ValueOf("Label"));

        var twice = await admin.SubmitAsync(noChoices, "Enregistrer le champ", [("Options", "sante | Raison de santé\nsante | Santé\nAutre motif")]);
        Assert.Equal(HttpStatusCode.BadRequest, twice.Status);
        Assert.Equal("Étape 1, champ « motif_mutation » : deux choix ont la même valeur.", twice.ErrorFor("Options"));

        var motive = await admin.SubmitAsync(twice, "Enregistrer le champ", [("Options", "sante | Raison de santé\nRapprochement familial\nAutre motif")]);
        Assert.Contains("Le champ « Motif de la mutation » est enregistré dans le brouillon.", motive.Text, StringComparison.Ordinal);
        Assert.Contains("Brouillon de la version 1", motive.Text, StringComparison.Ordinal);

        var badCondition = await AddFieldAsync(admin, id, 1, ("Type", "LongText"), ("Label", "Précisez le motif"), ("ShowWhenField", "motif_mutation"), ("ShowWhenValue", "voyage"));
        Assert.Equal(HttpStatusCode.BadRequest, badCondition.Status);
        Assert.Equal("Étape 1, champ « precisez_le_motif » : « voyage » n'est pas une réponse possible de « motif_mutation ».", badCondition.ErrorFor("ShowWhenField"));
        var conditional = await admin.SubmitAsync(badCondition, "Enregistrer le champ", [("ShowWhenValue", "autre_motif")]);
        Assert.Equal(HttpStatusCode.OK, conditional.Status);
        Assert.Contains("motif_mutation = autre_motif", conditional.Text, StringComparison.Ordinal);

        var sameKey = await AddFieldAsync(admin, id, 1, ("Type", "Text"), ("Label", "Autre"), ("Key", "motif_mutation"));
        Assert.Equal(HttpStatusCode.BadRequest, sameKey.Status);
        Assert.Equal("Étape 1 : la clé « motif_mutation » est déjà utilisée par un autre champ.", sameKey.ErrorFor("Key"));

        var removeParent = await admin.SubmitAsync(conditional, "Supprimer « Motif de la mutation »");
        Assert.Equal(HttpStatusCode.BadRequest, removeParent.Status);
        Assert.Contains("la condition d'affichage porte sur « motif_mutation », qui n'est pas un champ placé avant celui-ci", removeParent.SummaryErrors.Single(), StringComparison.Ordinal);
        var moveAbove = await admin.SubmitAsync(removeParent, "Monter « Précisez le motif »");
        Assert.Equal(HttpStatusCode.BadRequest, moveAbove.Status);

        // A second step, a file and a repeatable block with its columns; then reorder.
        var withStep = await admin.SubmitAsync(moveAbove, "Ajouter l'étape", [("title", "Pièces et postes")]);
        Assert.Contains("Étape 2 : Pièces et postes", withStep.Text, StringComparison.Ordinal);
        await AddFieldAsync(admin, id, 2, ("Type", "File"), ("Label", "Arrêté d'affectation"), ("Required", "true"));
        await AddFieldAsync(admin, id, 2, ("Type", "Repeat"), ("Label", "Postes occupés"), ("Key", "postes"));
        var blockEmpty = await admin.GetAsync($"/admin/demarches/{id}/formulaire");
        Assert.Contains("un bloc répétable doit contenir au moins un champ", blockEmpty.Text, StringComparison.Ordinal);
        var column = await admin.GetAsync($"/admin/demarches/{id}/formulaire/champs/nouveau?etape=0&bloc=postes");
        Assert.DoesNotContain(column.Html.QuerySelectorAll("#Type option"), o => o.GetAttribute("value") == "File");
        var built = await admin.SubmitAsync(column, "Enregistrer le champ", [("Type", "Text"), ("Label", "Poste"), ("Required", "true")]);
        Assert.DoesNotContain("bloc répétable doit contenir", built.Text, StringComparison.Ordinal);
        var moved = await admin.SubmitAsync(built, "Monter « Postes occupés »");
        var rows = moved.Html.QuerySelectorAll("section.builder-step")[1].QuerySelectorAll("tbody > tr[id^=champ-]").Select(r => r.Id).ToList();
        Assert.Equal(["champ-postes", "champ-arrete_d_affectation"], rows);

        // The preview is the applicant's page, with the applicant's errors.
        var preview = await admin.ClickAsync(moved, "Aperçu du formulaire");
        Assert.Contains("Aperçu du formulaire", preview.Text, StringComparison.Ordinal);
        Assert.NotNull(preview.Html.QuerySelector("input[name=motif_mutation][value=sante]"));
        var step2 = await admin.SubmitAsync(preview, "Continuer", [("motif_mutation", "sante")]);
        Assert.Equal($"/admin/demarches/{id}/formulaire/apercu/2", step2.Url);
        var missing = await admin.SubmitAsync(step2, "Continuer vers le récapitulatif");
        Assert.Equal(HttpStatusCode.BadRequest, missing.Status);
        Assert.NotNull(missing.ErrorFor("arrete_d_affectation"));

        var published = await admin.SubmitAsync(await admin.GetAsync($"/admin/demarches/{id}/formulaire"), "Publier la version 1");
        Assert.Contains("La version 1 de « Demande de mutation » est en ligne.", published.Text, StringComparison.Ordinal);
        Assert.Contains("Version 1 en ligne", published.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_form_with_problems_cannot_be_published()
    {
        using var admin = host.NewSession();
        await TestStaff.SignInAsync(host, admin, Roles.Admin, null, "Salif", "Compaoré");
        var (id, slug) = await NewProcedureAsync(host, admin, "Démarche incomplète");
        var builder = await admin.SubmitAsync(await admin.GetAsync($"/admin/demarches/{id}/formulaire"), "Ajouter l'étape", [("title", "Vide")]);

        var refused = await admin.SubmitAsync(builder, "Publier la version 1");
        Assert.Contains("Publication impossible : Étape 1 : l'étape ne contient aucun champ.", refused.Text, StringComparison.Ordinal);
        Assert.Contains("Bientôt en ligne", (await host.NewSession().GetAsync($"/demarches/{slug}")).Text, StringComparison.Ordinal);
    }
}
