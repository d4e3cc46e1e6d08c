using EServices.Tests.Infrastructure;

namespace EServices.Tests.Features.Admin;

/// <summary>What the form builder looks like: the style sheet styles text inputs by their type, and a checkbox sits in its label.</summary>
[Collection(WebCollection.Name)]
public sealed class FormBuilderLookTests(HostFixture host)
{
    [Fact]
    public async Task The_step_inputs_are_text_inputs_that_the_style_sheet_styles()
    {
        using var admin = host.NewSession();
        await TestStaff.SignInAsync(host, admin, Roles.Admin, null, "Salif", "Compaoré");
        var (id, _) = await FormBuilderTests.NewProcedureAsync(host, admin, "Demande de look");

        var builder = await admin.GetAsync($"/admin/demarches/{id}/formulaire");
        foreach (var input in new[] { "titre-1", "intro-1", "nouvelle-etape-titre" })
        {
            Assert.Equal("text", builder.Html.GetElementById(input)!.GetAttribute("type"));
        }

        var (_, css, _) = await admin.DownloadAsync("/css/site.css");
        Assert.Contains("input[type=text]", System.Text.Encoding.UTF8.GetString(css), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_required_box_sits_in_its_label_and_the_condition_hint_says_what_a_condition_needs()
    {
        using var admin = host.NewSession();
        await TestStaff.SignInAsync(host, admin, Roles.Admin, null, "Salif", "Compaoré");
        var (id, _) = await FormBuilderTests.NewProcedureAsync(host, admin, "Demande de congé");

        var first = await admin.GetAsync($"/admin/demarches/{id}/formulaire/champs/nouveau?etape=1");
        var label = first.Html.QuerySelector("label[for=Required]")!;
        Assert.Equal("checkbox", label.ClassName);
        Assert.Equal("checkbox", label.QuerySelector("input#Required")!.GetAttribute("type"));
        Assert.Equal("Réponse obligatoire", label.TextContent.Trim());
        // No earlier choice field: the hint says what a condition needs instead of an empty "La valeur du choix : ".
        var hint = first.Html.GetElementById("ShowWhenValue-aide")!.TextContent;
        Assert.DoesNotContain("La valeur du choix", hint, StringComparison.Ordinal);
        Assert.StartsWith("Une condition porte sur un champ oui/non, à choix ou région placé avant celui-ci", hint, StringComparison.Ordinal);

        await FormBuilderTests.AddFieldAsync(admin, id, 1, ("Type", "YesNo"), ("Label", "Est-ce urgent ?"), ("Key", "urgent"));
        var second = await admin.GetAsync($"/admin/demarches/{id}/formulaire/champs/nouveau?etape=1");
        Assert.Equal("La valeur du choix : urgent : oui, non", second.Html.GetElementById("ShowWhenValue-aide")!.TextContent);
    }
}
