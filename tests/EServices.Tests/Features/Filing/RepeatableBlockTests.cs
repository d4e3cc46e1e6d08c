using System.Net;
using EServices.Tests.Infrastructure;

namespace EServices.Tests.Features.Filing;

/// <summary>Rows of a repeatable block are added and removed with buttons: no JavaScript needed.</summary>
[Collection(WebCollection.Name)]
public sealed class RepeatableBlockTests(HostFixture host)
{
    [Fact]
    public async Task Rows_are_added_removed_and_checked_one_by_one()
    {
        using var session = host.NewSession();
        await TestUsers.SignUpAsync(session);
        var page = await session.SubmitAsync(await session.GetAsync("/demarches/reconstitution-de-carriere"), "Commencer la démarche");
        page = await session.SubmitAsync(page, "Continuer", [("matricule", "212345A"), ("nom_declare", "Kaboré"), ("prenoms_declares", "Issa"), ("date_naissance", "1975-01-01")]);
        page = await session.SubmitAsync(page, "Continuer", [("ministere", "Ministère de la Santé"), ("structure", "DRS Kadiogo"), ("emploi", "Infirmier"), ("categorie", "b")]);
        var block = page.Html.QuerySelector("fieldset.repeat")!;
        var firstRow = block.QuerySelectorAll("fieldset.repeat-row");
        Assert.Single(firstRow);
        var names = firstRow[0].QuerySelectorAll("[name]").Select(e => e.GetAttribute("name")!).Distinct().ToList();
        Assert.All(names, n => Assert.StartsWith("actes[0].", n, StringComparison.Ordinal));

        var typed = names.Select(n => (n, Answer(n))).ToList();
        var twoRows = await session.SubmitAsync(page, "Ajouter une ligne", typed);
        Assert.Equal(2, twoRows.Html.QuerySelectorAll("fieldset.repeat-row").Length);
        Assert.Equal("2015-123", twoRows.ValueOf("actes-0-numero_acte"));

        var second = typed.Select(t => (t.n.Replace("[0]", "[1]", StringComparison.Ordinal), t.n.EndsWith(".date_acte", StringComparison.Ordinal) ? "pas une date" : t.Item2)).ToList();
        var refused = await session.SubmitAsync(twoRows, "Continuer", second);
        Assert.Equal(HttpStatusCode.BadRequest, refused.Status);
        Assert.Equal("Ligne 2 : « Date de l'acte » doit être une date valide (jj/mm/aaaa).", refused.ErrorFor("actes-1-date_acte"));

        var removed = await session.SubmitAsync(refused, "Retirer la ligne 2");
        Assert.Single(removed.Html.QuerySelectorAll("fieldset.repeat-row"));
        var next = await session.SubmitAsync(removed, "Continuer");
        Assert.Empty(next.SummaryErrors);
        Assert.Contains("Étape 4 sur 4", next.Text, StringComparison.Ordinal);
    }

    private static string Answer(string name) => name.Split('.').Last() switch
    {
        "numero_acte" => "2015-123",
        "date_acte" => "2015-02-01",
        _ => "recrutement",
    };
}
