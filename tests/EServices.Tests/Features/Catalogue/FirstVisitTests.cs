using System.Net;
using EServices.Tests.Infrastructure;

namespace EServices.Tests.Features.Catalogue;

/// <summary>What a browser and a search engine get on a first visit: an icon, a description per page, amounts on one line.</summary>
[Collection(WebCollection.Name)]
public sealed class FirstVisitTests(HostFixture host)
{
    [Fact]
    public async Task The_favicon_is_a_small_cached_icon()
    {
        using var session = host.NewSession();
        var (status, content, response) = await session.DownloadAsync("/favicon.ico");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.StartsWith("image/", response.Content.Headers.ContentType?.MediaType, StringComparison.Ordinal);
        Assert.Equal([0, 0, 1, 0], content[..4]); // the ICO header
        Assert.InRange(content.Length, 100, 4096);
        Assert.NotNull(response.Headers.CacheControl?.MaxAge);

        // Pages link it with a version: a year in the cache, a new address when it changes.
        var icon = (await session.GetAsync("/")).Html.QuerySelector("link[rel=icon]")!.GetAttribute("href")!;
        Assert.StartsWith("/favicon.ico?v=", icon, StringComparison.Ordinal);
        var (_, _, versioned) = await session.DownloadAsync(icon);
        Assert.True(versioned.Headers.CacheControl?.MaxAge >= TimeSpan.FromDays(365));
    }

    [Theory]
    [InlineData("/", "trouvez une démarche")]
    [InlineData("/demarches", "Toutes les démarches de la Fonction publique")]
    [InlineData("/demarches/attestation-de-travail", null)] // the procedure's own summary, checked below
    [InlineData("/verifier/0123456789abcdef0123456789abcdef", "Vérifiez qu'un document")]
    [InlineData("/compte/connexion", "démarches administratives de la Fonction publique")] // the default
    public async Task Every_page_has_a_meta_description_and_public_pages_their_own(string path, string? expected)
    {
        using var session = host.NewSession();
        var page = await session.GetAsync(path);

        var descriptions = page.Html.QuerySelectorAll("head meta[name=description]");
        var description = Assert.Single(descriptions).GetAttribute("content");
        Assert.InRange(description?.Length ?? 0, 50, 300);
        Assert.Contains(expected ?? "", description, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_sheet_is_described_by_its_summary()
    {
        using var session = host.NewSession();
        var sheet = await session.GetAsync("/demarches/inscription-concours-direct");

        Assert.Equal(sheet.Html.QuerySelector("p.lead")!.TextContent, sheet.Html.QuerySelector("meta[name=description]")!.GetAttribute("content"));
    }

    /// <summary>"5 000 FCFA" broke after the 5 on a phone: a narrow no-break space between thousands, a no-break space
    /// before the currency, as French typography writes them.</summary>
    [Fact]
    public async Task Amounts_are_written_with_no_break_spaces()
    {
        using var session = host.NewSession();
        var sheet = await session.GetAsync("/demarches/inscription-concours-direct");

        var fee = sheet.Html.QuerySelectorAll(".sheet dt").Single(dt => dt.TextContent is "Coût" or "Frais").NextElementSibling!.TextContent;
        Assert.StartsWith("5\u202F000\u00A0FCFA", fee, StringComparison.Ordinal); // and, now that it is paid online, how
        Assert.Equal("1\u202F234\u202F567\u00A0FCFA", EServices.Web.Domain.Forms.FieldRules.FormatAmount(1_234_567));
        Assert.Equal("0\u00A0FCFA", EServices.Web.Domain.Forms.FieldRules.FormatAmount(0));
    }
}
