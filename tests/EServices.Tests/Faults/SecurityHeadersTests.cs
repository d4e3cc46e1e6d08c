using System.Net;
using System.Text.RegularExpressions;
using EServices.Tests.Features.Filing;
using EServices.Tests.Infrastructure;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace EServices.Tests.Faults;

[Collection(FaultsCollection.Name)]
public sealed partial class SecurityHeadersTests(FaultsHost host)
{
    [Fact]
    public async Task Every_kind_of_response_carries_the_security_headers_and_no_version_banner()
    {
        using var citizen = HttpsSession();
        await TestUsers.SignUpAsync(citizen);
        var number = await AttestationJourney.FileAsync(citizen);
        using var agent = HttpsSession();
        await TestStaff.SignInAsync(host, agent, Roles.Agent, "DGFP");
        using var admin = HttpsSession();
        await TestStaff.SignInAsync(host, admin, Roles.Admin, null);
        using var anonymous = HttpsSession();

        var responses = new List<(string What, HttpStatusCode Expected, HttpResponseMessage Response)>
        {
            ("public home", HttpStatusCode.OK, await anonymous.Client.GetAsync("/")),
            ("public catalogue", HttpStatusCode.OK, await anonymous.Client.GetAsync("/demarches?q=attestation")),
            ("sign-in redirect", HttpStatusCode.Redirect, await anonymous.Client.GetAsync("/mes-demandes")),
            ("citizen request", HttpStatusCode.OK, await citizen.Client.GetAsync($"/mes-demandes/{number}")),
            ("receipt PDF", HttpStatusCode.OK, await citizen.Client.GetAsync($"/mes-demandes/{number}/recepisse")),
            ("back-office inbox", HttpStatusCode.OK, await agent.Client.GetAsync("/back-office")),
            ("administration", HttpStatusCode.OK, await admin.Client.GetAsync("/admin")),
            ("static file", HttpStatusCode.OK, await anonymous.Client.GetAsync("/css/site.css")),
            ("not found", HttpStatusCode.NotFound, await anonymous.Client.GetAsync("/cette-page-n-existe-pas")),
            ("unhandled exception", HttpStatusCode.InternalServerError, await anonymous.Client.GetAsync(FaultsHost.FailingPath)),
            ("health check", HttpStatusCode.OK, await anonymous.Client.GetAsync("/health")),
        };

        Assert.Equal("application/pdf", responses.Single(r => r.What == "receipt PDF").Response.Content.Headers.ContentType?.MediaType);
        foreach (var (what, expected, response) in responses)
        {
            Assert.True(expected == response.StatusCode, $"{what}: {response.StatusCode}");
            var headers = response.Headers;
            Assert.True(headers.TryGetValues("Content-Security-Policy", out var csp), $"{what}: no CSP");
            var policy = Assert.Single(csp);
            Assert.Contains("default-src 'self'", policy, StringComparison.Ordinal);
            Assert.Contains("object-src 'none'", policy, StringComparison.Ordinal);
            Assert.Contains("frame-ancestors 'none'", policy, StringComparison.Ordinal);
            Assert.DoesNotContain("unsafe-inline", policy, StringComparison.Ordinal);
            Assert.DoesNotContain("unsafe-eval", policy, StringComparison.Ordinal);
            Assert.Equal(["nosniff"], headers.GetValues("X-Content-Type-Options"));
            Assert.Equal(["same-origin"], headers.GetValues("Referrer-Policy"));
            Assert.Equal(["DENY"], headers.GetValues("X-Frame-Options"));
            Assert.True(headers.TryGetValues("Strict-Transport-Security", out var hsts), $"{what}: no HSTS over https");
            Assert.Equal(["max-age=31536000; includeSubDomains"], hsts);
            Assert.False(headers.Contains("Server"), $"{what}: Server header");
            Assert.False(headers.Contains("X-Powered-By"), $"{what}: X-Powered-By header");
            Assert.False(headers.Contains("X-AspNet-Version"), $"{what}: X-AspNet-Version header");
            if (response.Content.Headers.ContentType?.MediaType == "text/html")
            {
                var html = await response.Content.ReadAsStringAsync();
                Assert.DoesNotMatch(InlineCode(), html);
            }
        }
    }

    /// <summary>The request's page previews an attachment in a frame (issue 19): the portal's own pages may frame the file
    /// staff open, nobody else may, and nothing else may be framed at all — the applicant's copy of the same file included.</summary>
    [Fact]
    public async Task Only_the_back_office_attachment_may_be_framed_and_only_by_the_portal_s_own_pages()
    {
        using var citizen = HttpsSession();
        await TestUsers.SignUpAsync(citizen);
        var number = await AttestationJourney.FileAsync(citizen);
        using var agent = HttpsSession();
        await TestStaff.SignInAsync(host, agent, Roles.Agent, "DGFP");
        var page = await agent.GetAsync($"/back-office/demandes/{number}");
        var preview = page.Html.QuerySelectorAll("figure iframe").Select(f => f.GetAttribute("src")!).First();
        var own = (await citizen.GetAsync($"/mes-demandes/{number}")).Html.QuerySelectorAll("a[href^='/mes-demandes/pieces/']")[0].GetAttribute("href")!;

        var framed = (await agent.DownloadAsync(preview)).Response;
        Assert.Equal(HttpStatusCode.OK, framed.StatusCode);
        Assert.Equal("application/pdf", framed.Content.Headers.ContentType?.MediaType);
        var policy = Assert.Single(framed.Headers.GetValues("Content-Security-Policy"));
        Assert.Contains("frame-ancestors 'self'", policy, StringComparison.Ordinal);
        Assert.DoesNotContain("frame-ancestors 'none'", policy, StringComparison.Ordinal);
        Assert.Contains("object-src 'none'", policy, StringComparison.Ordinal);
        Assert.Equal(["SAMEORIGIN"], framed.Headers.GetValues("X-Frame-Options"));
        Assert.Equal(["nosniff"], framed.Headers.GetValues("X-Content-Type-Options"));

        foreach (var (session, path) in new[] { (citizen, own), (agent, $"/back-office/demandes/{number}"), (agent, $"/back-office/demandes/{number}/dossier.pdf"), (agent, preview + "x") })
        {
            var response = (await session.DownloadAsync(path)).Response;
            Assert.Contains("frame-ancestors 'none'", Assert.Single(response.Headers.GetValues("Content-Security-Policy")), StringComparison.Ordinal);
            Assert.Equal(["DENY"], response.Headers.GetValues("X-Frame-Options"));
        }
    }

    [Fact]
    public async Task Hsts_is_not_sent_over_plain_http()
    {
        // RFC 6797 §7.2: a browser ignores it there; sending it would only suggest the portal serves plain http.
        // The shared test host speaks https (its cookies are Secure): this request goes over plain http on purpose.
        using var client = host.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { BaseAddress = new Uri("http://localhost"), AllowAutoRedirect = false });
        var response = await client.GetAsync("/");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.False(response.Headers.Contains("Strict-Transport-Security"));
        Assert.True(response.Headers.Contains("Content-Security-Policy"));
    }

    [Fact]
    public async Task Signed_in_pages_and_downloads_are_never_cached_while_static_files_are()
    {
        using var session = HttpsSession();
        await TestUsers.SignUpAsync(session);

        foreach (var path in new[] { "/mes-demandes", "/mes-donnees", "/mes-donnees/export.json" })
        {
            var response = (await session.GetAsync(path)).Response;
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.True(response.Headers.CacheControl?.NoStore, path);
        }

        var css = (await session.GetAsync("/css/site.css")).Response;
        Assert.Equal(HttpStatusCode.OK, css.StatusCode);
        Assert.False(css.Headers.CacheControl?.NoStore ?? false);
        Assert.True(css.Headers.CacheControl?.Public);
    }

    [Fact]
    public void Kestrel_does_not_announce_itself()
    {
        // The in-memory test server never writes a Server header; this is the setting Kestrel reads in production.
        Assert.False(host.Services.GetRequiredService<IOptions<KestrelServerOptions>>().Value.AddServerHeader);
    }

    [Fact]
    public void No_view_holds_inline_script_style_or_event_handler()
    {
        var root = Path.Combine(Repository.Root, "src", "EServices.Web");
        var views = Directory.EnumerateFiles(root, "*.cshtml", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .ToList();
        Assert.NotEmpty(views);

        var offenders = views.Where(f => InlineCode().IsMatch(File.ReadAllText(f))).Select(f => Path.GetRelativePath(root, f)).ToList();

        Assert.Empty(offenders);
    }

    /// <summary>What the CSP forbids: a script element without src, a style element or attribute, an on* handler, a javascript: link.</summary>
    [GeneratedRegex(@"<script(?![^>]*\bsrc=)[^>]*>|<style\b|\sstyle\s*=|\son[a-z]+\s*=|javascript:", RegexOptions.IgnoreCase)]
    private static partial Regex InlineCode();

    private WebSession HttpsSession() => new(host.CreateClient(new WebApplicationFactoryClientOptions
    {
        BaseAddress = new Uri("https://localhost"),
        AllowAutoRedirect = false,
        HandleCookies = true,
    }))
    { Host = host };
}
