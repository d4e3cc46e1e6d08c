using System.Net;
using EServices.Tests.Features.Admin;
using EServices.Tests.Infrastructure;

namespace EServices.Tests.Features.Payments;

/// <summary>The fee settings of the sheet editor: none, fixed (the « Coût »), per choice of a single-choice field.</summary>
[Collection(PaymentsCollection.Name)]
public sealed class FeeSettingsTests(PaymentsHost host)
{
    [Fact]
    public async Task A_fixed_fee_paid_online_is_whole_francs_of_at_least_100_and_a_multiple_of_5()
    {
        using var admin = host.NewSession();
        await TestStaff.SignInAsync(host, admin, Roles.Admin, null, "Salif", "Compaoré");
        var (id, slug) = await FormBuilderTests.NewProcedureAsync(host, admin, "Inscription au concours");
        var sheet = await admin.GetAsync($"/admin/demarches/{id}");
        Assert.Equal("None", sheet.Html.QuerySelector("input[name=FeeKind]:checked")!.GetAttribute("value"));

        foreach (var (fee, message) in new[]
        {
            ("4999", "Payé en ligne, le coût est d'au moins 100 FCFA et un multiple de 5 (ex. 5000)."),
            ("95", "Payé en ligne, le coût est d'au moins 100 FCFA et un multiple de 5 (ex. 5000)."),
            ("5000,5", "Le coût est un montant en francs CFA, sans décimales, entre 0 et 10 000 000."),
        })
        {
            var refused = await admin.SubmitAsync(sheet, "Enregistrer la fiche", [("FeeKind", "Fixed"), ("FeeXof", fee)]);
            Assert.Equal(HttpStatusCode.BadRequest, refused.Status);
            Assert.Equal(message, refused.ErrorFor("FeeXof"));
            Assert.Equal(fee, refused.ValueOf("FeeXof"));
            Assert.Equal("Fixed", refused.Html.QuerySelector("input[name=FeeKind]:checked")!.GetAttribute("value"));
        }

        var odd = await admin.SubmitAsync(sheet, "Enregistrer la fiche", [("FeeKind", "Gratuit"), ("FeeXof", "5000")]);
        Assert.Equal("Choisissez comment les frais sont payés.", odd.ErrorFor("FeeKind"));

        var saved = await admin.SubmitAsync(sheet, "Enregistrer la fiche", [("FeeKind", "Fixed"), ("FeeXof", "5 000")]);
        Assert.Contains("est enregistrée", saved.Text, StringComparison.Ordinal);
        var catalogue = await host.NewSession().GetAsync($"/demarches/{slug}");
        Assert.Equal("5\u202F000\u00A0FCFA, à payer en ligne par mobile money ou au guichet du Trésor", Fee(catalogue, "Frais"));
        Assert.Equal(1L, await host.ScalarAsync(
            "SELECT count(*) FROM audit_entries WHERE target_type = 'demarche' AND target_id = @id AND action LIKE 'Fiche modifiée (frais : 5%'", ("id", id.ToString(System.Globalization.CultureInfo.InvariantCulture))));
    }

    [Fact]
    public async Task A_fee_per_choice_has_an_amount_for_every_choice_and_a_version_that_drops_one_is_not_published()
    {
        using var admin = host.NewSession();
        await TestStaff.SignInAsync(host, admin, Roles.Admin, null, "Salif", "Compaoré");
        var (id, slug) = await FormBuilderTests.NewProcedureAsync(host, admin, "Concours de la fonction publique");
        await FormBuilderTests.AddFieldAsync(admin, id, 1, ("Type", "Text"), ("Label", "Objet"), ("Key", "objet"), ("Required", "true"));
        await FormBuilderTests.AddFieldAsync(admin, id, 1, ("Type", "Choice"), ("Label", "Catégorie"), ("Key", "categorie"), ("Required", "true"),
            ("Options", "a | Catégorie A\nb | Catégorie B\nc | Catégorie C"));
        var sheet = await admin.GetAsync($"/admin/demarches/{id}");
        Assert.Equal(["", "categorie"], sheet.Html.QuerySelectorAll("#FeeFieldKey option").Select(o => o.GetAttribute("value")));

        var noField = await admin.SubmitAsync(sheet, "Enregistrer la fiche", [("FeeKind", "PerChoice")]);
        Assert.Equal("Choisissez le champ dont la réponse fixe le montant.", noField.ErrorFor("FeeFieldKey"));
        var textField = await admin.SubmitAsync(sheet, "Enregistrer la fiche", [("FeeKind", "PerChoice"), ("FeeFieldKey", "objet")]);
        Assert.Equal("Ce champ n'est pas un choix unique (boutons radio ou liste déroulante).", textField.ErrorFor("FeeFieldKey"));

        var amounts = await admin.SubmitAsync(sheet, "Enregistrer la fiche", [("FeeKind", "PerChoice"), ("FeeFieldKey", "categorie")]);
        Assert.Equal(HttpStatusCode.BadRequest, amounts.Status);
        Assert.Equal("Indiquez le montant pour « Catégorie A » (0 si ce choix est gratuit).", amounts.ErrorFor("FeeAmounts-0"));
        Assert.Equal(3, amounts.Html.QuerySelectorAll("#FeeAmounts input[inputmode=numeric]").Length);

        var wrong = await admin.SubmitAsync(amounts, "Enregistrer la fiche", [("FeeAmounts[0]", "5000,5"), ("FeeAmounts[1]", "7"), ("FeeAmounts[2]", "")]);
        Assert.Equal("Le montant est en francs CFA entiers, sans décimales, jusqu'à 10 000 000.", wrong.ErrorFor("FeeAmounts-0"));
        Assert.Equal("Au moins 100 FCFA et un multiple de 5, ou 0 si ce choix est gratuit.", wrong.ErrorFor("FeeAmounts-1"));
        Assert.Equal("Indiquez le montant pour « Catégorie C » (0 si ce choix est gratuit).", wrong.ErrorFor("FeeAmounts-2"));
        Assert.Equal(("5000,5", "7"), (wrong.ValueOf("FeeAmounts-0"), wrong.ValueOf("FeeAmounts-1")));
        Assert.Equal(3, wrong.SummaryErrors.Count);

        var saved = await admin.SubmitAsync(wrong, "Enregistrer la fiche", [("FeeAmounts[0]", "5000"), ("FeeAmounts[1]", "0"), ("FeeAmounts[2]", "10 000")]);
        Assert.Contains("est enregistrée", saved.Text, StringComparison.Ordinal);
        Assert.Equal("""{"a":5000,"b":0,"c":10000}""", await host.ScalarAsync("SELECT fee_by_choice::text FROM procedures WHERE id = @id", ("id", id)) is string json ? json.Replace(" ", "", StringComparison.Ordinal) : null);
        Assert.Equal("de 0 à 10\u202F000\u00A0FCFA selon votre demande, à payer en ligne par mobile money ou au guichet du Trésor", Fee(await host.NewSession().GetAsync($"/demarches/{slug}"), "Frais"));
        var again = await admin.GetAsync($"/admin/demarches/{id}");
        Assert.Equal("10000", again.ValueOf("FeeAmounts-2"));

        // The form changes under the fee: choice c goes, choice d comes.
        var field = await admin.GetAsync($"/admin/demarches/{id}/formulaire/champs/categorie");
        await admin.SubmitAsync(field, "Enregistrer le champ", [("Options", "a | Catégorie A\nb | Catégorie B\nd | Catégorie D")]);
        var refused = await admin.SubmitAsync(await admin.GetAsync($"/admin/demarches/{id}/formulaire"), "Publier la version 1");
        Assert.Contains("Publication impossible", refused.Text, StringComparison.Ordinal);
        Assert.Contains("Le choix « Catégorie D » du champ « Catégorie » n'a pas de montant de frais", refused.Text, StringComparison.Ordinal);
        Assert.Contains("Les frais ont un montant pour le choix « c », qui n'existe plus", refused.Text, StringComparison.Ordinal);
        Assert.Equal(DBNull.Value, await host.ScalarAsync("SELECT published_form_version_id FROM procedures WHERE id = @id", ("id", id)) ?? DBNull.Value);

        var fixedUp = await admin.SubmitAsync(await admin.GetAsync($"/admin/demarches/{id}"), "Enregistrer la fiche", [("FeeAmounts[2]", "2500")]);
        Assert.Contains("est enregistrée", fixedUp.Text, StringComparison.Ordinal);
        var published = await admin.SubmitAsync(await admin.GetAsync($"/admin/demarches/{id}/formulaire"), "Publier la version 1");
        Assert.Contains("est en ligne", published.Text, StringComparison.Ordinal);

        // Version 2 without the fee field at all.
        var removed = await admin.SubmitAsync(await admin.GetAsync($"/admin/demarches/{id}/formulaire"), "Supprimer « Catégorie »");
        var withoutField = await admin.SubmitAsync(removed, "Publier la version 2");
        Assert.Contains("Les frais dépendent du champ « categorie », qui n'est plus un champ à choix unique de cette version", withoutField.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_sheet_posted_without_its_fee_kind_is_refused_and_the_fee_stays()
    {
        using var admin = host.NewSession();
        await TestStaff.SignInAsync(host, admin, Roles.Admin, null, "Salif", "Compaoré");
        var (id, _) = await FormBuilderTests.NewProcedureAsync(host, admin, "Légalisation payante");
        var sheet = await admin.GetAsync($"/admin/demarches/{id}");
        Assert.Contains("est enregistrée", (await admin.SubmitAsync(sheet, "Enregistrer la fiche", [("FeeKind", "Fixed"), ("FeeXof", "5.000")])).Text, StringComparison.Ordinal);

        var refused = await admin.SubmitAsync(await admin.GetAsync($"/admin/demarches/{id}"), "Enregistrer la fiche", [("FeeKind", ""), ("Title", "Légalisation payante (2)")]);
        Assert.Equal(HttpStatusCode.BadRequest, refused.Status);
        Assert.Equal("Choisissez comment les frais sont payés.", refused.ErrorFor("FeeKind"));
        Assert.Equal("Légalisation payante (2)", refused.ValueOf("Title"));
        Assert.Equal(("Fixed", 5000), ((string)(await host.ScalarAsync("SELECT fee_kind FROM procedures WHERE id = @id", ("id", id)))!,
            (int)(await host.ScalarAsync("SELECT fee_xof FROM procedures WHERE id = @id", ("id", id)))!));
    }

    [Fact]
    public async Task Fee_settings_must_also_fit_the_live_version_while_a_draft_changes_the_fee_field()
    {
        using var admin = host.NewSession();
        await TestStaff.SignInAsync(host, admin, Roles.Admin, null, "Salif", "Compaoré");
        var (id, _) = await FormBuilderTests.NewProcedureAsync(host, admin, "Concours des douanes");
        await FormBuilderTests.AddFieldAsync(admin, id, 1, ("Type", "Choice"), ("Label", "Catégorie"), ("Key", "categorie"), ("Required", "true"),
            ("Options", "a | Catégorie A\nb | Catégorie B\nc | Catégorie C"));
        var sheet = await admin.SubmitAsync(await admin.GetAsync($"/admin/demarches/{id}"), "Enregistrer la fiche", [("FeeKind", "PerChoice"), ("FeeFieldKey", "categorie")]);
        await admin.SubmitAsync(sheet, "Enregistrer la fiche", [("FeeAmounts[0]", "5000"), ("FeeAmounts[1]", "2000"), ("FeeAmounts[2]", "1000")]);
        Assert.Contains("est en ligne", (await admin.SubmitAsync(await admin.GetAsync($"/admin/demarches/{id}/formulaire"), "Publier la version 1")).Text, StringComparison.Ordinal);

        // The draft of version 2 drops choice c: applicants of version 1 still choose it, so it keeps its amount.
        var field = await admin.GetAsync($"/admin/demarches/{id}/formulaire/champs/categorie");
        await admin.SubmitAsync(field, "Enregistrer le champ", [("Options", "a | Catégorie A\nb | Catégorie B\nd | Catégorie D")]);
        var edit = await admin.GetAsync($"/admin/demarches/{id}");
        Assert.Equal(["Catégorie A", "Catégorie B", "Catégorie D", "Catégorie C (version en ligne seulement)"],
            edit.Html.QuerySelectorAll("#FeeAmounts label").Select(l => l.TextContent.Trim()));
        var missing = await admin.SubmitAsync(edit, "Enregistrer la fiche", [("FeeAmounts[3]", "")]);
        Assert.Equal(HttpStatusCode.BadRequest, missing.Status);
        Assert.Equal("Indiquez le montant pour « Catégorie C » (0 si ce choix est gratuit).", missing.ErrorFor("FeeAmounts-3"));
        var saved = await admin.SubmitAsync(missing, "Enregistrer la fiche", [("FeeAmounts[2]", "2500"), ("FeeAmounts[3]", "1000")]);
        Assert.Contains("est enregistrée", saved.Text, StringComparison.Ordinal);
        Assert.Equal("""{"a":5000,"b":2000,"c":1000,"d":2500}""", await host.ScalarAsync("SELECT fee_by_choice::text FROM procedures WHERE id = @id", ("id", id)) is string json ? json.Replace(" ", "", StringComparison.Ordinal) : null);
        Assert.Contains("est en ligne", (await admin.SubmitAsync(await admin.GetAsync($"/admin/demarches/{id}/formulaire"), "Publier la version 2")).Text, StringComparison.Ordinal);

        // A draft of version 3 puts the fee on a new field: version 2, live, has no such field.
        await FormBuilderTests.AddFieldAsync(admin, id, 1, ("Type", "Choice"), ("Label", "Série"), ("Key", "serie"), ("Required", "true"), ("Options", "x | Série X\ny | Série Y"));
        var moved = await admin.SubmitAsync(await admin.GetAsync($"/admin/demarches/{id}"), "Enregistrer la fiche", [("FeeFieldKey", "serie")]);
        Assert.Equal(HttpStatusCode.BadRequest, moved.Status);
        Assert.Equal("La version en ligne du formulaire n'a pas le champ à choix unique « Série » : ses usagers n'auraient pas de montant. Choisissez un champ présent dans les deux versions.",
            moved.ErrorFor("FeeFieldKey"));
        Assert.Equal("categorie", await host.ScalarAsync("SELECT fee_field_key FROM procedures WHERE id = @id", ("id", id)));
    }

    private static string Fee(Page sheet, string term) =>
        sheet.Html.QuerySelectorAll("dt").Single(dt => dt.TextContent == term).NextElementSibling!.TextContent;
}
