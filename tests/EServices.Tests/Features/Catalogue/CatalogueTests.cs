using System.Net;
using EServices.Tests.Infrastructure;

namespace EServices.Tests.Features.Catalogue;

[Collection(WebCollection.Name)]
public sealed class CatalogueTests(HostFixture host)
{
    [Fact]
    public async Task Home_shows_search_categories_most_requested_and_the_decree_progress()
    {
        using var session = host.NewSession();
        var home = await session.GetAsync("/");

        Assert.Equal(HttpStatusCode.OK, home.Status);
        Assert.NotNull(home.Html.QuerySelector("form[role=search] input[name=q]"));
        // Other tests may add procedures through the administration: count what the database holds now.
        var (online, total) = await CountsAsync();
        Assert.Contains($"{online} sur {total} démarches en ligne", home.Text, StringComparison.Ordinal);
        Assert.Contains("Carrière des agents publics", home.Text, StringComparison.Ordinal);
        var popular = home.Html.QuerySelectorAll("section[aria-labelledby=popular-title] h3 a").Select(a => a.TextContent).ToList();
        Assert.Equal(6, popular.Count);
        Assert.Contains("Attestation de travail", popular);
    }

    [Theory]
    [InlineData("detachement", "Détachement")]
    [InlineData("prise service", "Certificat de prise de service")]
    [InlineData("attestation de travail", "Attestation de travail")]
    [InlineData("INSCRIPTION CONCOURS", "Inscription à un concours direct")]
    public async Task Search_is_french_full_text_and_ignores_accents(string query, string expectedFirst)
    {
        using var session = host.NewSession();
        var results = await session.GetAsync($"/demarches?q={Uri.EscapeDataString(query)}");

        var titles = results.Html.QuerySelectorAll(".results h2 a").Select(a => a.TextContent.Trim()).ToList();
        Assert.Equal(expectedFirst, titles.First());
        Assert.Contains(titles.Count == 1 ? "1 démarche trouvée" : $"{titles.Count} démarches trouvées", results.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Search_without_results_says_so()
    {
        using var session = host.NewSession();
        var results = await session.GetAsync("/demarches?q=permis+de+conduire");
        Assert.Contains("Aucune démarche ne correspond à votre recherche.", results.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Filters_narrow_by_service_category_and_audience()
    {
        using var session = host.NewSession();
        var agre = await session.GetAsync("/demarches?service=AGRE");
        Assert.Contains("2 démarches trouvées", agre.Text, StringComparison.Ordinal);
        Assert.All(agre.Html.QuerySelectorAll(".results .meta"), m => Assert.StartsWith("AGRE", m.TextContent.Trim(), StringComparison.Ordinal));

        var employers = await session.GetAsync("/demarches?public=employeurs");
        var titles = employers.Html.QuerySelectorAll(".results h2 a").Select(a => a.TextContent).ToList();
        Assert.Contains("Visa de contrat de travail", titles);
        Assert.DoesNotContain("Attestation de travail", titles);

        var work = await session.GetAsync("/demarches?categorie=travail&q=contrat");
        Assert.Equal("Visa de contrat de travail", work.Html.QuerySelector(".results h2 a")!.TextContent);
    }

    [Fact]
    public async Task The_catalogue_is_paged()
    {
        using var session = host.NewSession();
        var (_, total) = await CountsAsync();
        var pages = (total + 9) / 10;
        var first = await session.GetAsync("/demarches");
        Assert.Contains($"{total} démarches trouvées", first.Text, StringComparison.Ordinal);
        Assert.Equal(10, first.Html.QuerySelectorAll(".results > li").Length);
        Assert.Contains($"Page 1 sur {pages}", first.Text, StringComparison.Ordinal);

        var last = first;
        for (var page = 2; page <= pages; page++)
        {
            last = await session.ClickAsync(last, "Page suivante");
        }

        Assert.Equal(total - (10 * (pages - 1)), last.Html.QuerySelectorAll(".results > li").Length);
        Assert.Contains($"Page {pages} sur {pages}", last.Text, StringComparison.Ordinal);
        Assert.Empty(last.Html.QuerySelectorAll("a[rel=next]"));
    }

    [Fact]
    public async Task A_sheet_tells_who_what_documents_fee_delay_and_legal_basis()
    {
        using var session = host.NewSession();
        var sheet = await session.GetAsync("/demarches/inscription-concours-direct");

        Assert.Equal("Inscription à un concours direct", sheet.Html.QuerySelector("h1")!.TextContent);
        Assert.Contains("Pour qui ? Citoyens", sheet.Text, StringComparison.Ordinal);
        Assert.Contains("5 000 FCFA", sheet.Text, StringComparison.Ordinal);
        Assert.Contains("Immédiat", sheet.Text, StringComparison.Ordinal);
        Assert.Contains("Base légale", sheet.Text, StringComparison.Ordinal);
        Assert.NotEmpty(sheet.Html.QuerySelectorAll(".sheet ul li"));

        var attestation = await session.GetAsync("/demarches/attestation-de-travail");
        Assert.Contains("3 jours ouvrables", attestation.Text, StringComparison.Ordinal);
        Assert.Contains("Gratuit", attestation.Text, StringComparison.Ordinal);
    }

    private async Task<(long Online, long Total)> CountsAsync() =>
        ((long)(await host.ScalarAsync("SELECT count(*) FROM procedures WHERE published_form_version_id IS NOT NULL AND closed_at IS NULL"))!,
         (long)(await host.ScalarAsync("SELECT count(*) FROM procedures"))!);

    [Fact]
    public async Task An_unknown_procedure_is_a_french_404()
    {
        using var session = host.NewSession();
        var missing = await session.GetAsync("/demarches/n-existe-pas");
        Assert.Equal(HttpStatusCode.NotFound, missing.Status);
        Assert.Contains("Page introuvable", missing.Text, StringComparison.Ordinal);
    }
}
