using System.Net.Http.Headers;
using EServices.Web.Features.Accounts;
using EServices.Web.Infrastructure;

namespace EServices.Tests.Infrastructure;

/// <summary>The Content-Disposition of every download and the return address of a sign-in, on the values that gave a 500.</summary>
public sealed class DownloadNameTests
{
    public static TheoryData<string> Names => new()
    {
        "Attestation employeur signée copie conforme.pdf",
        new string('é', 200) + ".pdf",
        "ma \"cnib\" d'origine.pdf",
        "facture\u202Efdp.exe",
        "\u200Fنسخة.pdf",
        "photo 😀👍🏾.png",
        "ligne\r\nSet-Cookie: x=1.pdf",
        "..\\..\\etc\\passwd",
        "100%.pdf",
        "",
    };

    [Theory]
    [MemberData(nameof(Names))]
    public void A_download_header_is_one_line_of_ascii_that_gives_the_name_back(string name)
    {
        foreach (var inline in new[] { true, false })
        {
            var header = Downloads.ContentDisposition(name, inline);

            Assert.All(header, c => Assert.InRange(c, ' ', '~'));
            var parsed = ContentDispositionHeaderValue.Parse(header);
            Assert.Equal(inline ? "inline" : "attachment", parsed.DispositionType);
            var expected = new string([.. name.Where(c => !char.IsControl(c) && char.GetUnicodeCategory(c) != System.Globalization.UnicodeCategory.Format)]).Trim();
            Assert.Equal(expected.Length == 0 ? "document" : expected, parsed.FileNameStar);
            Assert.DoesNotContain('"', parsed.FileName!.Trim('"'));
        }
    }

    [Fact]
    public void The_ascii_name_keeps_the_letters_of_an_accented_name()
    {
        var parsed = ContentDispositionHeaderValue.Parse(Downloads.ContentDisposition("Attestation employeur signée.pdf", inline: true));

        Assert.Equal("Attestation employeur signee.pdf", parsed.FileName?.Trim('"'));
    }

    [Theory]
    [InlineData("/demarches", "/demarches")]
    [InlineData("/mes-demandes/FP-2027-000001?onglet=pieces#haut", "/mes-demandes/FP-2027-000001?onglet=pieces#haut")]
    [InlineData("/démarches", "/d%C3%A9marches")]
    [InlineData("/demarches?q=état", "/demarches?q=%C3%A9tat")]
    [InlineData("/%2F%2Fevil.example", "/%2F%2Fevil.example")]
    [InlineData(null, "/accueil")]
    [InlineData("", "/accueil")]
    [InlineData("//evil.example", "/accueil")]
    [InlineData("/\\evil.example", "/accueil")]
    [InlineData("\\\\evil.example", "/accueil")]
    [InlineData("/a\\..\\..\\evil", "/accueil")]
    [InlineData("/\t/evil.example", "/accueil")]
    [InlineData("/\r\nLocation: https://evil.example", "/accueil")]
    [InlineData("/ /evil.example", "/accueil")]
    [InlineData("/\u00A0/evil.example", "/accueil")]
    [InlineData("/\u0085evil", "/accueil")]
    [InlineData("https://evil.example/", "/accueil")]
    [InlineData("javascript:alert(1)", "/accueil")]
    [InlineData("%2F%2Fevil.example", "/accueil")]
    [InlineData("evil.example", "/accueil")]
    [InlineData("~/demarches", "/accueil")]
    public void A_return_address_is_a_path_of_the_portal_or_the_fallback(string? returnUrl, string expected) =>
        Assert.Equal(expected, ReturnUrl.LocalOr(returnUrl, "/accueil"));

    [Fact]
    public void An_over_long_return_address_is_not_one_the_portal_made() =>
        Assert.Equal("/accueil", ReturnUrl.LocalOr("/" + new string('a', 5000), "/accueil"));
}
