using System.Net;
using AngleSharp.Html.Dom;
using EServices.Tests.Features.Admin;
using EServices.Tests.Features.Filing;
using EServices.Tests.Infrastructure;
using Xunit.Abstractions;

namespace EServices.Tests.Security;

/// <summary>
/// Hostile values posted to the forms of every kind of page — anonymous, applicant, agent, administrator — one field at a
/// time, then with fields missing or added: never a 5xx, and no script stored on the way is ever rendered unencoded.
/// Forms that change shared data (the seeded catalogue) are fuzzed on a procedure and a request of the test's own.
/// Sign-in and password reset are left to the rate-limit tests: thousands of posts there would lock the test host out.
/// </summary>
[Collection(WebCollection.Name)]
public sealed class FuzzTests(HostFixture host, ITestOutputHelper output)
{
    private readonly string _marker = $"fz{Guid.NewGuid():N}"[..14];

    private IReadOnlyList<string> Hostile =>
    [
        new string('é', 20_000),
        "\u0001\u0002\u001b[31m\u007f\u0085\u2028",
        "\0",
        "a\0b",
        $"<script>alert('{_marker}')</script>",
        $"\"><img src=x onerror=alert('{_marker}')>",
        $"javascript:alert('{_marker}')",
        "' OR '1'='1'; DROP TABLE requests; --",
        "1; SELECT pg_sleep(3)--",
        "-1",
        "99999999999999999999999",
        "1e309",
        "2027-02-30",
        "../../../../etc/passwd",
        "=cmd|' /C calc'!A0",
        "{{nom}}{{",
        "\u202Egnp.exe",
        "😀👍🏾",
        "",
        "   ",
    ];

    [Fact]
    public async Task Hostile_values_on_every_kind_of_form_never_cause_a_server_error_nor_an_unencoded_script()
    {
        // What the fuzzing works on: a request of its own, and a procedure of its own with one field.
        using var applicant = host.NewSession();
        await TestUsers.SignUpAsync(applicant);
        var number = await AttestationJourney.FileAsync(applicant);
        var draft = await AttestationJourney.StartAsync(applicant);
        using var agent = host.NewSession();
        await TestStaff.SignInAsync(host, agent, Roles.Agent, "DGFP");
        using var admin = host.NewSession();
        await TestStaff.SignInAsync(host, admin, Roles.Admin, null, "Salif", "Compaoré");
        var (procedureId, _) = await FormBuilderTests.NewProcedureAsync(host, admin, $"Démarche de fuzzing {_marker}");
        await FormBuilderTests.AddFieldAsync(admin, procedureId, 1, ("Type", "Text"), ("Label", "Objet"), ("Key", "objet"));
        var service = await TestCatalogue.CreateServiceAsync(host);
        using var anonymous = host.NewSession();

        var targets = new List<(WebSession Session, string Url)>
        {
            (anonymous, "/compte/inscription"),
            (applicant, draft.Url),
            (applicant, $"/mes-demandes/{number}"),
            (admin, $"/admin/demarches/{procedureId}"),
            (admin, $"/admin/demarches/{procedureId}/formulaire/champs/nouveau?etape=1"),
            (admin, $"/admin/demarches/{procedureId}/documents"),
            (admin, $"/admin/demarches/{procedureId}/orientation"),
            (admin, $"/admin/services/{service.Id}"),
            (admin, $"/admin/services/{service.Id}/groupes/nouveau"),
            (admin, "/admin/categories/nouvelle"),
            (admin, "/admin/agents/inviter"),
            // Last: the agent's moves end the request.
            (agent, $"/back-office/demandes/{number}"),
        };
        var posts = 0;
        var failures = new List<string>();
        foreach (var (session, url) in targets)
        {
            var page = await session.GetAsync(url);
            Assert.Equal(HttpStatusCode.OK, page.Status);
            foreach (var form in page.Html.Forms.Where(f => f.Method.Equals("post", StringComparison.OrdinalIgnoreCase) && !IsSignOut(f)).ToList())
            {
                var action = form.GetAttribute("action") ?? url;
                var fields = Fields(form);
                var variants = fields.Select(f => f.Name).Where(n => n != "__RequestVerificationToken").Distinct()
                    .SelectMany(name => Hostile.Select(value => fields.Where(f => f.Name != name).Append((Name: name, Value: value)).ToList()))
                    .Append(fields.Where(f => f.Name == "__RequestVerificationToken").ToList()) // every field missing
                    .Append([.. fields, (Name: "Status", Value: "Accepted"), ("ApplicantId", "x"), ("Id", "1"), ("Role", Roles.Admin), (_marker, Hostile[4])]);
                foreach (var values in variants)
                {
                    var response = await session.Client.PostAsync(action, new FormUrlEncodedContent(values.Select(v => KeyValuePair.Create(v.Name, v.Value))));
                    posts++;
                    if ((int)response.StatusCode >= 500)
                    {
                        failures.Add($"{(int)response.StatusCode} POST {action} with {string.Join(", ", values.Where(v => v.Name != "__RequestVerificationToken").Select(v => $"{v.Name}={Shorten(v.Value)}"))}");
                    }
                }
            }
        }

        // Query strings, and a body no browser sends (a NUL in the path itself is refused by Kestrel before the app: 400).
        foreach (var url in new[] { "/demarches?q=%00", "/demarches?categorie=%00", "/demarches?q=" + Uri.EscapeDataString(Hostile[4]), "/demarches?page=-1", "/demarches?page=99999999999" })
        {
            var status = (await applicant.Client.GetAsync(url)).StatusCode;
            posts++;
            if ((int)status >= 500)
            {
                failures.Add($"{(int)status} GET {url}");
            }
        }

        // The sign-in form reads the account typed before MVC (for its rate limit): a NUL there is refused too, not a 500.
        using var visitor = host.NewSession();
        var signIn = await visitor.SubmitAsync(await visitor.GetAsync("/compte/connexion"), "Se connecter", [("Email", "a\0b@exemple.bf"), ("Password", "x")], follow: false);
        Assert.Equal(HttpStatusCode.BadRequest, signIn.Status);

        var broken = new StringContent("garbage", null, "multipart/form-data");
        broken.Headers.ContentType!.Parameters.Add(new System.Net.Http.Headers.NameValueHeaderValue("boundary", "xyz"));
        var brokenStatus = (await applicant.Client.PostAsync(draft.Url, broken)).StatusCode;
        Assert.Equal(HttpStatusCode.BadRequest, brokenStatus);

        output.WriteLine($"{posts} hostile requests, {failures.Count} server errors");
        Assert.True(posts > 1000, $"only {posts} requests were sent: the forms were not found");
        Assert.True(failures.Count == 0, string.Join("\n", failures.Take(20)));

        // Whatever was stored is shown encoded wherever it appears.
        var pages = new List<(WebSession, string)>
        {
            (anonymous, "/"), (anonymous, "/demarches"), (applicant, "/mes-demandes"), (applicant, $"/mes-demandes/{number}"),
            (agent, "/back-office"), (agent, $"/back-office/demandes/{number}"), (admin, "/admin/demarches"), (admin, $"/admin/demarches/{procedureId}"),
            (admin, $"/admin/demarches/{procedureId}/formulaire"), (admin, $"/admin/demarches/{procedureId}/documents"), (admin, "/admin/categories"),
            (admin, "/admin/services"), (admin, $"/admin/services/{service.Id}/groupes"), (admin, "/admin/agents"), (admin, "/admin/journal"), (admin, "/admin/tableau-de-bord"),
        };
        foreach (var (session, url) in pages)
        {
            var html = await (await session.Client.GetAsync(url)).Content.ReadAsStringAsync();
            Assert.DoesNotContain($"<script>alert('{_marker}')", html, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain($"onerror=alert('{_marker}')", html, StringComparison.OrdinalIgnoreCase);
        }

        // A spreadsheet opening the export runs no formula typed by a user.
        var csv = await (await agent.Client.GetAsync("/back-office/export.csv")).Content.ReadAsStringAsync();
        Assert.DoesNotContain(";=cmd", csv, StringComparison.Ordinal);
        Assert.DoesNotContain("\n=cmd", csv, StringComparison.Ordinal);
    }

    private static bool IsSignOut(IHtmlFormElement form) => (form.GetAttribute("action") ?? "").EndsWith("/deconnexion", StringComparison.Ordinal);

    private static List<(string Name, string Value)> Fields(IHtmlFormElement form) =>
        form.Elements
            .Where(e => !string.IsNullOrEmpty(e.GetAttribute("name")) && e is not IHtmlButtonElement && (e as IHtmlInputElement)?.Type is not ("submit" or "file"))
            .Select(e => (e.GetAttribute("name")!, e switch
            {
                IHtmlInputElement input => input.Value,
                IHtmlTextAreaElement area => area.Value,
                IHtmlSelectElement select => select.Value ?? "",
                _ => "",
            }))
            .ToList();

    private static string Shorten(string value) => value.Length > 40 ? value[..40] + "…" : value;
}
