using System.Net;
using EServices.Tests.Features.Filing;
using EServices.Tests.Infrastructure;

namespace EServices.Tests.Features.Admin;

/// <summary>Issue 14, point 9: one registry of template words (TemplateWords) behind the form builder, the
/// documents' check and their preview.</summary>
[Collection(WebCollection.Name)]
public sealed class TemplateWordsTests(HostFixture host)
{
    [Fact]
    public async Task A_field_key_that_is_a_portal_word_is_refused_next_to_the_key_whatever_its_casing_or_spaces()
    {
        using var admin = host.NewSession();
        await TestStaff.SignInAsync(host, admin, Roles.Admin, null, "Salif", "Compaoré");
        var (id, _) = await FormBuilderTests.NewProcedureAsync(host, admin, "Reconstitution d'essai");

        foreach (var key in new[] { "numero", "Numero", " numero ", "NOM", "motif", "date", "prenoms", "numero_demande", "lien", "date_limite" })
        {
            var refused = await FormBuilderTests.AddFieldAsync(admin, id, 1, ("Type", "Text"), ("Label", "Champ d'essai"), ("Key", key));
            Assert.Equal(HttpStatusCode.BadRequest, refused.Status);
            Assert.True(TemplateWords.IsReserved(key, out var word));
            var expected = $"« {word.Name} » est un mot réservé du portail ({word.Meaning}) : choisissez une autre clé, par exemple « {TemplateWords.Suggestion(word.Name)} ».";
            Assert.Contains(refused.Html.QuerySelectorAll("#Key-erreur"), e => e.TextContent.Contains(expected, StringComparison.Ordinal));
        }

        var numero = await FormBuilderTests.AddFieldAsync(admin, id, 1, ("Type", "Text"), ("Label", "Champ"), ("Key", "numero"));
        Assert.Contains("« numero » est un mot réservé du portail (numéro du document délivré, ou de la demande dans un e-mail) : choisissez une autre clé, par exemple « numero_acte ».",
            numero.ErrorFor("Key"), StringComparison.Ordinal);

        // A key derived from the label ("Numéro" → numero) is checked the same way.
        var derived = await FormBuilderTests.AddFieldAsync(admin, id, 1, ("Type", "Text"), ("Label", "Numéro"));
        Assert.Equal(HttpStatusCode.BadRequest, derived.Status);
        Assert.Contains("« numero » est un mot réservé du portail", derived.Text, StringComparison.Ordinal);

        // So is a column of a repeatable block, which a template prints through its block.
        await FormBuilderTests.AddFieldAsync(admin, id, 1, ("Type", "Repeat"), ("Label", "Actes de carrière"), ("Key", "actes"));
        var column = await admin.GetAsync($"/admin/demarches/{id}/formulaire/champs/nouveau?etape=0&bloc=actes");
        var date = await admin.SubmitAsync(column, "Enregistrer le champ", [("Type", "Date"), ("Label", "Date de l'acte"), ("Key", "date")]);
        Assert.Equal(HttpStatusCode.BadRequest, date.Status);
        Assert.Contains("« date » est un mot réservé du portail (date du jour, en toutes lettres) : choisissez une autre clé, par exemple « date_acte ».", date.Text, StringComparison.Ordinal);

        Assert.Equal(false, await host.ScalarAsync(
            "SELECT definition::text ~ '\"key\": \"(numero|nom|motif|date|prenoms|numero_demande|lien|date_limite)\"' FROM form_versions WHERE procedure_id = @id", ("id", id)));
        var accepted = await FormBuilderTests.AddFieldAsync(admin, id, 1, ("Type", "Text"), ("Label", "Numéro de l'acte"), ("Key", "numero_acte"));
        Assert.Contains("est enregistré dans le brouillon", accepted.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_documents_page_lists_the_registry_and_its_check_and_preview_follow_it()
    {
        using var admin = host.NewSession();
        await TestStaff.SignInAsync(host, admin, Roles.Admin, null, "Salif", "Compaoré");
        var (id, _) = await FormBuilderTests.NewProcedureAsync(host, admin, "Reconstitution d'essai");
        await FormBuilderTests.AddFieldAsync(admin, id, 1, ("Type", "Text"), ("Label", "Objet de la demande"), ("Key", "objet"));
        await FormBuilderTests.AddFieldAsync(admin, id, 1, ("Type", "Repeat"), ("Label", "Actes de carrière"), ("Key", "actes"));
        var column = await admin.GetAsync($"/admin/demarches/{id}/formulaire/champs/nouveau?etape=0&bloc=actes");
        await admin.SubmitAsync(column, "Enregistrer le champ", [("Type", "Text"), ("Label", "Numéro de l'acte"), ("Key", "numero_acte")]);

        var page = await admin.GetAsync($"/admin/demarches/{id}/documents");
        var rows = page.Html.QuerySelectorAll("details.placeholders table")[0].QuerySelectorAll("tbody tr").Select(r => r.TextContent).ToList();
        Assert.Equal(TemplateWords.All.Count, rows.Count);
        foreach (var word in TemplateWords.All)
        {
            Assert.Contains(rows, r => r.Contains("{{" + word.Name + "}}", StringComparison.Ordinal) && r.Contains(word.Meaning, StringComparison.Ordinal)
                && r.Contains(TemplateWords.WhereLabel(word), StringComparison.Ordinal));
        }

        // Words the registry does not allow in a certificate, and words nobody knows, are reported next to the text.
        foreach (var wrong in new[] { "{{motif}}", "{{prenoms}}", "{{lien}}", "{{numero_actes}}", "{{Numero}}x{{inconnu}}" })
        {
            var refused = await admin.SubmitAsync(page, "Enregistrer les documents et e-mails",
                [("CertificateTitle", "Arrêté d'essai"), ("CertificatePrefix", "ATS"), ("CertificateBody", $"Texte {wrong}.")]);
            Assert.Equal(HttpStatusCode.BadRequest, refused.Status);
            Assert.NotNull(refused.ErrorFor("CertificateBody"));
        }

        // The preview fills portal words with the registry's samples and answers (a block included) with sample answers.
        var preview = await admin.SubmitAsync(page, "Aperçu PDF de l'attestation",
            [("CertificateTitle", "Arrêté d'essai"), ("CertificatePrefix", "ATS"), ("CertificateBody", "Pour {{nom}}, objet {{objet}}, actes :\n{{actes}}\nDemande {{numero_demande}}.")]);
        Assert.Equal(HttpStatusCode.OK, preview.Status);
        var text = FilingTests.PdfText(await preview.Response.Content.ReadAsByteArrayAsync());
        Assert.Contains("Pour Aminata OUÉDRAOGO, objet [Objet de la demande], actes :", text, StringComparison.Ordinal);
        Assert.Contains("– Numéro de l'acte : [Numéro de l'acte]", text, StringComparison.Ordinal);
        Assert.Matches(@"Demande [A-Z]+-2027-000123\.", text);
    }
}
