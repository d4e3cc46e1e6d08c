using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using EServices.Tests.Features.Filing;
using EServices.Tests.Infrastructure;
using EServices.Web.Features.BackOffice;

namespace EServices.Tests.Features.Api;

/// <summary>The API as an integrator uses it: a client registered for a service reads and decides that service's requests,
/// through the back-office's rules, and nothing of another service.</summary>
[Collection(WebCollection.Name)]
public sealed class ApiTests(HostFixture host)
{
    private async Task<(TestUser Applicant, string Number)> FileAsync()
    {
        using var session = host.NewSession();
        var user = await TestUsers.SignUpAsync(session);
        return (user, await AttestationJourney.FileAsync(session));
    }

    private static async Task<JsonElement> DetailAsync(HttpClient api, string number) =>
        await ApiClients.JsonAsync(await api.GetAsync($"/api/v1/demandes/{number}"), HttpStatusCode.OK);

    [Fact]
    public async Task An_administrator_registers_a_client_whose_secret_is_shown_once_and_gives_a_token_with_its_scopes()
    {
        using var admin = await ApiClients.AdminAsync(host);
        var client = await ApiClients.RegisterAsync(admin, "DGFP", mayDecide: false);

        var list = await admin.GetAsync("/admin/clients-api");
        Assert.Contains(client.Name, list.Text, StringComparison.Ordinal);
        Assert.Contains(client.ClientId, list.Text, StringComparison.Ordinal);
        Assert.DoesNotContain(client.Secret, list.Html.DocumentElement.OuterHtml, StringComparison.Ordinal);
        Assert.Contains("Client API enregistré pour DGFP", (await admin.GetAsync("/admin/journal")).Text, StringComparison.Ordinal);

        using var http = ApiClients.Anonymous(host);
        using var wrong = await ApiClients.RequestTokenAsync(http, client.ClientId, client.Secret[..^1] + (client.Secret[^1] == 'A' ? 'B' : 'A'));
        Assert.Equal("invalid_client", (await wrong.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("error").GetString());
        using var beyond = await ApiClients.RequestTokenAsync(http, client.ClientId, client.Secret, "eservices.read eservices.decide");
        Assert.Equal(HttpStatusCode.BadRequest, beyond.StatusCode);
        Assert.Contains("scope", (await beyond.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("error_description").GetString(), StringComparison.Ordinal);

        using var granted = await ApiClients.RequestTokenAsync(http, client.ClientId, client.Secret);
        var token = await ApiClients.JsonAsync(granted, HttpStatusCode.OK);
        Assert.Equal("Bearer", token.GetProperty("token_type").GetString());
        Assert.InRange(token.GetProperty("expires_in").GetInt32(), 60, 3600);
        Assert.Equal("no-store", granted.Headers.CacheControl?.ToString());
    }

    [Fact]
    public async Task A_client_pages_through_its_services_requests_and_reads_one_with_its_answers_files_and_history()
    {
        var filed = new[] { await FileAsync(), await FileAsync(), await FileAsync() }.Select(f => f.Number).ToList();
        using var admin = await ApiClients.AdminAsync(host);
        var client = await ApiClients.RegisterAsync(admin, "DGFP", mayDecide: false);
        using var api = await ApiClients.SignedInAsync(host, client);

        // Two at a time, following « suivante », oldest modification first: every request once.
        var seen = new List<string>();
        string? cursor = null;
        do
        {
            var page = await ApiClients.JsonAsync(await api.GetAsync("/api/v1/demandes?demarche=attestation-de-travail&statut=deposee&taille=2"
                + (cursor is null ? "" : $"&apres={cursor}")), HttpStatusCode.OK);
            var numbers = page.GetProperty("demandes").EnumerateArray().Select(d => d.GetProperty("numero").GetString()!).ToList();
            Assert.InRange(numbers.Count, 0, 2);
            Assert.All(page.GetProperty("demandes").EnumerateArray(), d => Assert.Equal("deposee", d.GetProperty("statut").GetString()));
            seen.AddRange(numbers);
            cursor = page.GetProperty("suivante").GetString();
        }
        while (cursor is not null);
        Assert.Equal(seen.Count, seen.Distinct().Count());
        Assert.Equal(filed, seen.Where(filed.Contains).ToList());

        var detail = await DetailAsync(api, filed[0]);
        Assert.Equal("deposee", detail.GetProperty("statut").GetString());
        Assert.Equal("Déposée", detail.GetProperty("libelleStatut").GetString());
        Assert.Equal("Awa OUÉDRAOGO", detail.GetProperty("demandeur").GetString());
        Assert.Contains(detail.GetProperty("reponses").EnumerateArray(), a => a.GetProperty("cle").GetString() == "matricule" && a.GetProperty("valeurs")[0].GetString() == "212345A");
        Assert.Contains("prendre", detail.GetProperty("actionsPermises").EnumerateArray().Select(a => a.GetString()));
        Assert.Contains(detail.GetProperty("historique").EnumerateArray(), e => e.GetProperty("vers").GetString() == "Déposée");
        var cnib = detail.GetProperty("pieces").EnumerateArray().Single(p => p.GetProperty("nomFichier").GetString() == "ma cnib.pdf");
        using var file = await api.GetAsync(cnib.GetProperty("lien").GetString());
        Assert.Equal(HttpStatusCode.OK, file.StatusCode);
        Assert.Equal("application/pdf", file.Content.Headers.ContentType?.MediaType);
        Assert.Equal(cnib.GetProperty("taille").GetInt64(), (await file.Content.ReadAsByteArrayAsync()).Length);

        // Each call is in the journal under the client's name.
        var journal = await admin.GetAsync("/admin/journal");
        Assert.Contains($"Appel API GET /api/v1/demandes/{filed[0]}", journal.Text, StringComparison.Ordinal);
        Assert.Contains(client.Name, journal.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_client_that_may_decide_takes_writes_and_accepts_with_the_back_office_s_rules_and_the_applicant_is_told()
    {
        var (applicant, number) = await FileAsync();
        using var admin = await ApiClients.AdminAsync(host);
        var client = await ApiClients.RegisterAsync(admin, "DGFP", mayDecide: true);
        using var api = await ApiClients.SignedInAsync(host, client);
        var version = (await DetailAsync(api, number)).GetProperty("version").GetUInt32();

        var noVersion = await ApiClients.ProblemAsync(await api.PostAsJsonAsync($"/api/v1/demandes/{number}/prendre", new { }), HttpStatusCode.BadRequest);
        Assert.Contains("version", ApiClients.Errors(noVersion, "version")[0], StringComparison.Ordinal);
        var taken = await ApiClients.JsonAsync(await api.PostAsJsonAsync($"/api/v1/demandes/{number}/prendre", new { version }), HttpStatusCode.OK);
        Assert.Equal("en_instruction", taken.GetProperty("statut").GetString());
        Assert.Equal($"Client API {client.Name.ToUpperInvariant()}", taken.GetProperty("agent").GetString());
        Assert.Contains(taken.GetProperty("historique").EnumerateArray(), e => e.GetProperty("auteur").GetString() == $"Client API {client.Name.ToUpperInvariant()}");

        // The version read before the move is stale now: of two decisions made together, one is refused.
        var stale = await ApiClients.ProblemAsync(await api.PostAsJsonAsync($"/api/v1/demandes/{number}/rejeter", new { version, motif = "Pièce illisible" }), HttpStatusCode.Conflict);
        Assert.Equal(Decide.Conflict, stale.GetProperty("detail").GetString());
        version = taken.GetProperty("version").GetUInt32();
        var noReason = await ApiClients.ProblemAsync(await api.PostAsJsonAsync($"/api/v1/demandes/{number}/rejeter", new { version, motif = "  " }), HttpStatusCode.BadRequest);
        Assert.Equal("Indiquez le motif du rejet : il sera communiqué au demandeur.", ApiClients.Errors(noReason, "motif")[0]);
        var unknownField = await ApiClients.ProblemAsync(await api.PostAsJsonAsync($"/api/v1/demandes/{number}/complement",
            new { version, champs = new[] { "inconnu" }, message = "Merci de compléter.", echeance = "2027-04-30" }), HttpStatusCode.BadRequest);
        Assert.Equal(RequestCorrection.NothingChosen, ApiClients.Errors(unknownField, "champs")[0]);

        var written = await ApiClients.JsonAsync(await api.PostAsJsonAsync($"/api/v1/demandes/{number}/messages", new { texte = "Votre dossier est complet." }), HttpStatusCode.OK);
        Assert.Contains(written.GetProperty("messages").EnumerateArray(), m => m.GetProperty("texte").GetString() == "Votre dossier est complet." && m.GetProperty("deAgent").GetBoolean());

        var accepted = await ApiClients.JsonAsync(await api.PostAsJsonAsync($"/api/v1/demandes/{number}/accepter", new { version = written.GetProperty("version").GetUInt32() }), HttpStatusCode.OK);
        Assert.Equal("acceptee", accepted.GetProperty("statut").GetString());
        Assert.Empty(accepted.GetProperty("actionsPermises").EnumerateArray());
        var act = accepted.GetProperty("documents").EnumerateArray().Single(d => d.GetProperty("type").GetString() == "acte");
        using var pdf = await api.GetAsync(act.GetProperty("lien").GetString());
        Assert.StartsWith("%PDF", Encoding.ASCII.GetString((await pdf.Content.ReadAsByteArrayAsync())[..4]), StringComparison.Ordinal);

        await host.Mailbox.WaitForAsync(applicant.Email, $"Demande {number} : acceptée");
    }

    [Fact]
    public async Task A_read_only_client_cannot_decide_and_a_client_of_another_service_finds_nothing()
    {
        var (_, number) = await FileAsync();
        using var admin = await ApiClients.AdminAsync(host);
        using var reader = await ApiClients.SignedInAsync(host, await ApiClients.RegisterAsync(admin, "DGFP", mayDecide: false));
        var detail = await DetailAsync(reader, number);
        var version = detail.GetProperty("version").GetUInt32();
        await ApiClients.ProblemAsync(await reader.PostAsJsonAsync($"/api/v1/demandes/{number}/prendre", new { version }), HttpStatusCode.Forbidden);

        using var other = await ApiClients.SignedInAsync(host, await ApiClients.RegisterAsync(admin, "DGT", mayDecide: true));
        var piece = detail.GetProperty("pieces")[0].GetProperty("lien").GetString()!;
        foreach (var url in new[] { $"/api/v1/demandes/{number}", piece, $"/api/v1/demandes/{number.ToLowerInvariant()}" })
        {
            await ApiClients.ProblemAsync(await other.GetAsync(url), HttpStatusCode.NotFound);
        }

        await ApiClients.ProblemAsync(await other.PostAsJsonAsync($"/api/v1/demandes/{number}/prendre", new { version }), HttpStatusCode.NotFound);
        var list = await ApiClients.JsonAsync(await other.GetAsync("/api/v1/demandes?taille=200"), HttpStatusCode.OK);
        Assert.DoesNotContain(list.GetProperty("demandes").EnumerateArray(), d => d.GetProperty("numero").GetString() == number);
        Assert.DoesNotContain((await ApiClients.JsonAsync(await other.GetAsync("/api/v1/demarches"), HttpStatusCode.OK)).EnumerateArray(),
            p => p.GetProperty("slug").GetString() == "attestation-de-travail");
        Assert.Equal("deposee", (await DetailAsync(reader, number)).GetProperty("statut").GetString());
    }

    [Fact]
    public async Task A_revoked_client_is_refused_at_once_even_with_a_token_still_valid()
    {
        using var admin = await ApiClients.AdminAsync(host);
        var client = await ApiClients.RegisterAsync(admin, "DGFP", mayDecide: true);
        using var api = await ApiClients.SignedInAsync(host, client);
        Assert.Equal(HttpStatusCode.OK, (await api.GetAsync("/api/v1/demarches")).StatusCode);

        var list = await admin.GetAsync("/admin/clients-api");
        var revoked = await admin.SubmitAsync(list, $"Révoquer le client {client.Name}");
        Assert.Contains($"Client « {client.Name} » révoqué", revoked.Text, StringComparison.Ordinal);

        using var refused = await api.GetAsync("/api/v1/demarches");
        var problem = await ApiClients.ProblemAsync(refused, HttpStatusCode.Unauthorized);
        Assert.Contains("révoqué", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        // Refused before its parameters are read: a bad one does not turn the refusal into a 400.
        await ApiClients.ProblemAsync(await api.GetAsync("/api/v1/demandes?taille=dix"), HttpStatusCode.Unauthorized);
        Assert.Contains("Client API révoqué", (await admin.GetAsync("/admin/journal?type=client-api")).Text, StringComparison.Ordinal);
        using var token = await ApiClients.RequestTokenAsync(ApiClients.Anonymous(host), client.ClientId, client.Secret);
        Assert.Equal("invalid_client", (await token.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("error").GetString());
    }

    [Fact]
    public async Task A_staff_session_opens_nothing_in_the_api_and_an_anonymous_call_is_told_to_bring_a_token()
    {
        var (_, number) = await FileAsync();
        using var agent = host.NewSession();
        await TestStaff.SignInAsync(host, agent, Roles.Agent, "DGFP");
        Assert.Equal(HttpStatusCode.OK, (await agent.GetAsync($"/back-office/demandes/{number}")).Status);
        var (status, body, response) = await agent.DownloadAsync($"/api/v1/demandes/{number}");
        Assert.Equal(HttpStatusCode.Unauthorized, status);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("Authentification requise", Encoding.UTF8.GetString(body), StringComparison.Ordinal);

        using var anonymous = await ApiClients.Anonymous(host).GetAsync("/api/v1/demandes");
        await ApiClients.ProblemAsync(anonymous, HttpStatusCode.Unauthorized);
        Assert.Contains(anonymous.Headers.WwwAuthenticate, h => h.Scheme == "Bearer");
    }

    [Fact]
    public async Task Every_bad_input_gets_a_french_problem_naming_its_parameter_and_never_a_500()
    {
        var (_, number) = await FileAsync();
        using var admin = await ApiClients.AdminAsync(host);
        using var api = await ApiClients.SignedInAsync(host, await ApiClients.RegisterAsync(admin, "DGFP", mayDecide: true));

        foreach (var (query, field) in new[]
        {
            ("statut=inconnue", "statut"), ("statut=deposee&statut=rejetee", "statut"), ("STATUT=deposee&statut=deposee", "statut"),
            ("apres=%21%21%21", "apres"), ("apres=MXwA", "apres"), ("apres=" + Convert.ToBase64String(Encoding.UTF8.GetBytes("x|y")).TrimEnd('='), "apres"),
            ("taille=0", "taille"), ("taille=201", "taille"), ("taille=dix", "taille"), ("depuis=hier", "depuis"), ("demarche=permis-de-conduire", "demarche"),
        })
        {
            var problem = await ApiClients.ProblemAsync(await api.GetAsync($"/api/v1/demandes?{query}"), HttpStatusCode.BadRequest);
            Assert.NotEmpty(ApiClients.Errors(problem, field));
        }

        foreach (var (body, field) in new[]
        {
            ("pas du JSON", "corps"), ("{\"version\": \"trois\"}", "version"), ("{\"version\": 1, \"version\": 2}", "version"), ("", "corps"), ("[1]", "corps"),
        })
        {
            using var content = new StringContent(body, Encoding.UTF8, "application/json");
            var problem = await ApiClients.ProblemAsync(await api.PostAsync($"/api/v1/demandes/{number}/prendre", content), HttpStatusCode.BadRequest);
            Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), $"{body}: {problem}");
        }

        using var text = new StringContent("version=1", Encoding.UTF8, "text/plain");
        await ApiClients.ProblemAsync(await api.PostAsync($"/api/v1/demandes/{number}/prendre", text), HttpStatusCode.UnsupportedMediaType);
        using var utf16 = new ByteArrayContent(Encoding.UTF8.GetBytes("{\"version\":1}"));
        utf16.Headers.ContentType = new("application/json") { CharSet = "utf-16" }; // odd byte count: no UTF-16 decoder's 500
        await ApiClients.ProblemAsync(await api.PostAsync($"/api/v1/demandes/{number}/prendre", utf16), HttpStatusCode.UnsupportedMediaType);
        await ApiClients.ProblemAsync(await api.GetAsync("/api/v1/inconnu"), HttpStatusCode.NotFound);
        await ApiClients.ProblemAsync(await api.DeleteAsync($"/api/v1/demandes/{number}"), HttpStatusCode.MethodNotAllowed);
        foreach (var odd in new[] { "a%2Fb", "J%2361vaScript", new string('9', 300), "%C3%A9t%C3%A9", "FP-2027-%0A" })
        {
            using var response = await api.GetAsync($"/api/v1/demandes/{odd}");
            Assert.True(response.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.BadRequest, $"{odd}: {(int)response.StatusCode}");
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        }

        // A NUL in a JSON string: a French message beside its property, not PostgreSQL's refusal as a 500.
        var nul = await ApiClients.ProblemAsync(await api.PostAsJsonAsync($"/api/v1/demandes/{number}/messages", new { texte = "avant\0après" }), HttpStatusCode.BadRequest);
        Assert.Equal("Le message contient des caractères non autorisés.", ApiClients.Errors(nul, "texte")[0]);

        // A NUL in the query: refused by the portal's filter, still answered as a problem.
        await ApiClients.ProblemAsync(await api.GetAsync("/api/v1/demandes?statut=depo%00see"), HttpStatusCode.BadRequest);
        Assert.Equal("deposee", (await DetailAsync(api, number)).GetProperty("statut").GetString());
    }

    [Fact]
    public async Task Token_requests_for_one_client_are_limited_like_sign_ins()
    {
        using var admin = await ApiClients.AdminAsync(host);
        var client = await ApiClients.RegisterAsync(admin, "DGT", mayDecide: false);
        using var http = ApiClients.Anonymous(host);
        for (var attempt = 1; attempt <= 10; attempt++)
        {
            using var wrong = await ApiClients.RequestTokenAsync(http, client.ClientId, $"essai-{attempt}");
            Assert.NotEqual(HttpStatusCode.OK, wrong.StatusCode);
        }

        using var limited = await ApiClients.RequestTokenAsync(http, client.ClientId, client.Secret);
        await ApiClients.ProblemAsync(limited, HttpStatusCode.TooManyRequests);
        Assert.NotNull(limited.Headers.RetryAfter);
    }
}
