using System.Net;
using EServices.Tests.Infrastructure;

namespace EServices.Tests.Features.Admin;

[Collection(WebCollection.Name)]
public sealed class ProcedureEditorTests(HostFixture host)
{
    [Fact]
    public async Task An_administrator_writes_a_new_sheet_and_its_markdown_is_shown_without_scripts()
    {
        using var admin = host.NewSession();
        await TestStaff.SignInAsync(host, admin, Roles.Admin, null, "Salif", "Compaoré");
        var form = await admin.ClickAsync(await admin.GetAsync("/admin/demarches"), "Ajouter une démarche");

        var refused = await admin.SubmitAsync(form, "Enregistrer la fiche", [("Title", "Congé de formation"), ("Slug", "Congé formation"), ("FeeXof", "1,5"), ("PaperProcedure", "")]);
        Assert.Equal(HttpStatusCode.BadRequest, refused.Status);
        Assert.StartsWith("L'identifiant s'écrit en minuscules", refused.ErrorFor("Slug"), StringComparison.Ordinal);
        Assert.StartsWith("Le coût est un montant en francs CFA", refused.ErrorFor("FeeXof"), StringComparison.Ordinal);
        Assert.Equal("Cochez au moins un public.", refused.Html.QuerySelector("#Audiences-erreur")!.TextContent);
        Assert.Equal("Choisissez une catégorie.", refused.ErrorFor("CategoryId"));
        Assert.Equal("Congé de formation", refused.ValueOf("Title"));

        var slug = $"conge-formation-{Guid.NewGuid():N}"[..24];
        var category = refused.Html.QuerySelectorAll("#CategoryId option").Single(o => o.TextContent == "Carrière des agents publics").GetAttribute("value")!;
        var service = refused.Html.QuerySelectorAll("#ServiceId option").Single(o => o.TextContent.StartsWith("DGFP", StringComparison.Ordinal)).GetAttribute("value")!;
        var saved = await admin.SubmitAsync(refused,
            "Enregistrer la fiche",
            [
                ("Slug", slug), ("Summary", "Demandez un congé pour suivre une formation."), ("FeeXof", "0"), ("TargetDelayDays", "20"),
                ("Description", "**Important** : joignez l'attestation d'inscription.\n\n- avant le début\n- par la voie hiérarchique\n\n<script>alert('x')</script> [Voir](javascript:alert(1))"),
                ("CategoryId", category), ("ServiceId", service), ("Audiences", "agents-publics"), ("SupportingDocuments", "Attestation d'inscription\nAvis du supérieur"),
                ("DecreeReference", "Décret n° 2022-0123, annexe, n° 41"), ("PaperProcedure", "Déposez la demande à la DRH de votre ministère."),
            ]);
        Assert.Contains("La fiche « Congé de formation » est enregistrée.", saved.Text, StringComparison.Ordinal);

        var sheet = await host.NewSession().GetAsync($"/demarches/{slug}");
        Assert.Equal(HttpStatusCode.OK, sheet.Status);
        var description = sheet.Html.QuerySelector(".description")!;
        Assert.Equal("Important", description.QuerySelector("strong")!.TextContent);
        Assert.Equal(2, description.QuerySelectorAll("li").Length);
        Assert.Empty(sheet.Html.QuerySelectorAll(".description script"));
        Assert.DoesNotContain("javascript:", description.InnerHtml, StringComparison.Ordinal);
        Assert.Contains("Décret n° 2022-0123, annexe, n° 41", sheet.Text, StringComparison.Ordinal);
        Assert.Contains("Bientôt en ligne", sheet.Text, StringComparison.Ordinal);
        Assert.Contains("Déposez la demande à la DRH", sheet.Text, StringComparison.Ordinal);
        Assert.Contains("Congé de formation", (await host.NewSession().GetAsync("/demarches?q=conge+formation")).Text, StringComparison.Ordinal);
    }
}
