using System.Net;
using System.Text.RegularExpressions;
using EServices.Tests.Features.Filing;
using EServices.Tests.Infrastructure;
using Xunit.Abstractions;

namespace EServices.Tests.Security;

/// <summary>Ordinary input that gave a 500: a long accented file name, an accented return address, an odd number in an
/// address. Every route, every role: never a 5xx, never an error line in the log.</summary>
[Collection(WebCollection.Name)]
public sealed class OrdinaryInputTests(HostFixture host, ITestOutputHelper output)
{
    /// <summary>File names as they come from users' computers and phones (NUL is refused before the app: see FuzzTests).</summary>
    private static readonly string[] FileNames =
    [
        "Attestation employeur signée copie conforme.pdf",
        new string('é', 100) + new string('a', 100) + ".pdf",
        "Copie \"certifiée\" d'origine.pdf",
        "facture\u202Efdp.pdf",
        "\u200Fنسخة مصدقة.pdf",
        "photo 😀👍🏾 CNIB.pdf",
        "ligne 1\r\nligne 2.pdf",
        "../../etc/passwd.pdf",
        "..\\..\\Windows\\win.ini.pdf",
        "Ñandú – été 100 % ǅ.pdf",
    ];

    [Fact]
    public async Task Attachments_with_any_name_come_back_to_the_applicant_and_the_agent_under_the_name_shown()
    {
        var errorsBefore = host.Logs.Errors.Count;
        using var applicant = host.NewSession();
        await TestUsers.SignUpAsync(applicant);
        using var agent = host.NewSession();
        await TestStaff.SignInAsync(host, agent, EServices.Web.Domain.Accounts.Roles.Agent, "DGFP");
        var failures = new List<string>();
        foreach (var pair in FileNames.Chunk(2))
        {
            var step3 = await AttestationJourney.ToDocumentsStepAsync(applicant);
            var review = await UploadAsBrowserAsync(applicant, step3, "Continuer vers le récapitulatif", new() { ["cnib"] = pair[0], ["bulletin"] = pair[1] });
            Assert.True(review.Status == HttpStatusCode.OK && review.Url.EndsWith("/recapitulatif", StringComparison.Ordinal), $"{(int)review.Status} {review.Url} for {string.Join(" / ", pair)}: {review.Text}");
            var number = (await applicant.SubmitAsync(review, "Déposer ma demande", [("declaration", "oui")])).Url.Split('/').Last();

            var mine = await applicant.GetAsync($"/mes-demandes/{number}");
            var theirs = await agent.GetAsync($"/back-office/demandes/{number}");
            foreach (var (session, page, prefix, disposition) in new[] { (applicant, mine, "/mes-demandes/pieces/", "attachment"), (agent, theirs, "/back-office/pieces/", "inline") })
            {
                var links = page.Html.QuerySelectorAll($"a[href^='{prefix}']").ToList();
                Assert.Equal(2, links.Count);
                foreach (var link in links)
                {
                    var shown = link.TextContent;
                    var (status, content, response) = await session.DownloadAsync(link.GetAttribute("href")!);
                    var header = response.Content.Headers.ContentDisposition;
                    if (status != HttpStatusCode.OK || header?.DispositionType != disposition || header.FileNameStar != shown || content.Length != 2048)
                    {
                        failures.Add($"{(int)status} {prefix}: shown « {shown} », sent {header}");
                    }
                }
            }
        }

        Assert.True(failures.Count == 0, string.Join("\n", failures));
        Assert.Equal([], host.Logs.Errors.Skip(errorsBefore));
    }

    /// <summary>Posts PDF files under these names as browsers do (HTML: UTF-8 as is, '"' as %22, CR and LF as %0D and %0A),
    /// which .NET's multipart writer refuses for some names.</summary>
    private static async Task<Page> UploadAsBrowserAsync(WebSession session, Page page, string button, Dictionary<string, string> names)
    {
        var placeholders = names.ToDictionary(n => n.Key, n => TestFiles.Pdf($"{n.Key}.pdf"));
        var (action, content) = FormPost.Press(page.Html, page.Url, button, null, placeholders);
        var multipart = (MultipartFormDataContent)content;
        multipart.HeaderEncodingSelector = (_, _) => System.Text.Encoding.UTF8;
        foreach (var part in multipart)
        {
            var field = part.Headers.ContentDisposition?.Name?.Trim('"');
            if (field is not null && part.Headers.ContentDisposition?.FileName is not null && names.TryGetValue(field, out var name))
            {
                var encoded = name.Replace("\"", "%22", StringComparison.Ordinal).Replace("\r", "%0D", StringComparison.Ordinal).Replace("\n", "%0A", StringComparison.Ordinal);
                part.Headers.Remove("Content-Disposition");
                part.Headers.TryAddWithoutValidation("Content-Disposition", $"form-data; name=\"{field}\"; filename=\"{encoded}\"");
            }
        }

        var response = await session.Client.PostAsync(action, multipart);
        return response.Headers.Location is { } location ? await session.GetAsync(location.OriginalString) : throw new InvalidOperationException($"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
    }

    /// <summary>Return addresses an attacker or a mistyped link sends; the accepted ones are the portal's own paths.</summary>
    private static readonly (string ReturnUrl, string Location)[] ReturnUrls =
    [
        ("/démarches", "/d%C3%A9marches"),
        ("/demarches?q=été", "/demarches?q=%C3%A9t%C3%A9"),
        ("/mes-demandes", "/mes-demandes"),
        ("//evil.example", "/mes-demandes"),
        ("/\\evil.example", "/mes-demandes"),
        ("\\\\evil.example", "/mes-demandes"),
        ("/%2F%2Fevil.example", "/%2F%2Fevil.example"),
        ("%2F%2Fevil.example", "/mes-demandes"),
        ("https://evil.example/", "/mes-demandes"),
        ("javascript:alert(1)", "/mes-demandes"),
        ("/\t/evil.example", "/mes-demandes"),
        ("/\r\nSet-Cookie: x=1", "/mes-demandes"),
        ("/" + new string('a', 5000), "/mes-demandes"),
        ("/\u202E/evil", "/%E2%80%AE/evil"),
        ("/😀", "/%F0%9F%98%80"),
    ];

    [Fact]
    public async Task Any_return_address_ends_a_sign_in_on_a_page_of_the_portal()
    {
        var errorsBefore = host.Logs.Errors.Count;
        var failures = new List<string>();
        // Ten sign-ins a minute per account: one account for each handful of addresses.
        foreach (var batch in ReturnUrls.Chunk(5))
        {
            using var signUp = host.NewSession();
            var user = await TestUsers.SignUpAsync(signUp);
            foreach (var (returnUrl, expected) in batch)
            {
                using var session = host.NewSession();
                var form = await session.GetAsync($"/compte/connexion?returnUrl={Uri.EscapeDataString(returnUrl)}");
                var signedIn = await session.SubmitAsync(form, "Se connecter", [("Email", user.Email), ("Password", user.Password)], follow: false);
                var signUpForm = await session.GetAsync($"/compte/inscription?returnUrl={Uri.EscapeDataString(returnUrl)}");
                if (form.Status != HttpStatusCode.OK || signedIn.Status != HttpStatusCode.Redirect || signedIn.Location != expected || signUpForm.Status != HttpStatusCode.OK)
                {
                    failures.Add($"{Shorten(returnUrl)}: GET {(int)form.Status}, POST {(int)signedIn.Status} → {Shorten(signedIn.Location ?? "")}, sign-up form {(int)signUpForm.Status}");
                }
            }
        }

        Assert.True(failures.Count == 0, string.Join("\n", failures));
        Assert.Equal([], host.Logs.Errors.Skip(errorsBefore));
    }

    [Theory]
    [InlineData("/erreur/0")]
    [InlineData("/erreur/204")]
    [InlineData("/erreur/304")]
    [InlineData("/erreur/2147483647")]
    [InlineData("/erreur/-1")]
    [InlineData("/erreur/500")]
    [InlineData("/erreur/503")]
    [InlineData("/erreur/429")]
    [InlineData("/erreur")]
    public async Task The_error_page_typed_by_hand_is_not_found_and_writes_no_error(string url)
    {
        var errorsBefore = host.Logs.Errors.Count;
        foreach (var method in new[] { HttpMethod.Get, HttpMethod.Post })
        {
            using var session = host.NewSession();
            using var response = await session.Client.SendAsync(new HttpRequestMessage(method, url));

            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
            Assert.Contains("Page introuvable", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        Assert.Equal([], host.Logs.Errors.Skip(errorsBefore));
    }

    [Fact]
    public async Task A_real_error_still_shows_its_own_page()
    {
        using var session = host.NewSession();
        var missing = await session.GetAsync("/demarches/nexiste-pas", follow: false);
        Assert.Equal(HttpStatusCode.NotFound, missing.Status);
        Assert.Equal("Page introuvable", missing.Html.QuerySelector("h1")?.TextContent);
        var noToken = await session.Client.PostAsync("/compte/connexion", new FormUrlEncodedContent([KeyValuePair.Create("Email", "a@exemple.bf")]));
        Assert.Equal(HttpStatusCode.BadRequest, noToken.StatusCode);
        Assert.Contains("Demande incorrecte", await noToken.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    /// <summary>Odd values for a route parameter: numbers out of range, accents, encoded slashes, very long, spaces, dots,
    /// right-to-left marks, emoji (already escaped for the address). Not %00: Kestrel refuses a NUL in the path before the app.</summary>
    private static readonly string[] OddValues =
    [
        "0", "-1", "2147483648", "99999999999999999999", "%C3%A9", new string('a', 3000), "%20%20", "..", "%2E%2E", "%2F%2F",
        "%E2%80%AE", "%F0%9F%98%80", "1.5", "1e309", "00000000-0000-0000-0000-000000000000", "%27%22%3C",
    ];

    [Fact]
    public async Task Every_route_parameter_with_odd_values_for_every_role_never_causes_a_server_error()
    {
        var errorsBefore = host.Logs.Errors.Count;
        var endpoints = AppEndpoints.All(host).Where(e => e.Template.Contains('{', StringComparison.Ordinal) && (e.Method == "GET" || e.IgnoresAntiforgery)).ToList();
        Assert.True(endpoints.Count > 20, $"only {endpoints.Count} routes with parameters: were the endpoints read?");
        using var world = await AccessWorld.CreateAsync(host);
        var requests = 0;
        var failures = new List<string>();
        foreach (var (who, session) in world.Sessions)
        {
            foreach (var endpoint in endpoints)
            {
                var real = endpoint.Url(world);
                var parameters = Regex.Matches(endpoint.Template, @"\{[^}]+\}").Select(m => m.Value).ToList();
                foreach (var odd in OddValues)
                {
                    // Each parameter in turn, the others real, so that the odd value reaches the code behind a valid prefix.
                    for (var i = 0; i < parameters.Count; i++)
                    {
                        var index = i;
                        var count = 0;
                        var url = Regex.Replace(endpoint.Template, @"\{[^}]+\}", m => count++ == index ? odd : RealValue(endpoint, world, m.Value));
                        using var request = new HttpRequestMessage(new HttpMethod(endpoint.Method), url);
                        if (endpoint.Method != "GET")
                        {
                            request.Content = new FormUrlEncodedContent([]);
                        }

                        using var response = await session.Client.SendAsync(request);
                        requests++;
                        if ((int)response.StatusCode >= 500)
                        {
                            failures.Add($"{who}: {(int)response.StatusCode} {endpoint.Method} {Shorten(url)} (real: {real})");
                        }
                    }
                }
            }
        }

        output.WriteLine($"{requests} requests, {failures.Count} server errors");
        Assert.True(failures.Count == 0, string.Join("\n", failures.Take(30)));
        Assert.Equal([], host.Logs.Errors.Skip(errorsBefore));
    }

    /// <summary>The value <see cref="AppEndpoint.Url"/> gives one parameter, read back from the address it builds.</summary>
    private static string RealValue(AppEndpoint endpoint, AccessWorld world, string parameter)
    {
        var templateParts = endpoint.Template.Split('/');
        var urlParts = endpoint.Url(world).Split('/');
        var at = Array.IndexOf(templateParts, parameter);
        return at < 0 ? "1" : urlParts[at];
    }

    private static string Shorten(string value) => value.Length > 60 ? value[..60] + "…" : value;
}
