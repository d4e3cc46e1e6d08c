using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using EServices.Tests.Infrastructure;

namespace EServices.Tests.Features.Api;

public sealed record RegisteredClient(string ClientId, string Secret, string Name);

/// <summary>What an integrator does: an administrator registers their system and hands them its id and secret; they get
/// a token and call the API with it.</summary>
public static class ApiClients
{
    public static async Task<WebSession> AdminAsync(HostFixture host)
    {
        var admin = host.NewSession();
        await TestStaff.SignInAsync(host, admin, Roles.Admin, null);
        return admin;
    }

    /// <summary>Registers a client through the administration page and reads the id and secret it shows once.</summary>
    public static async Task<RegisteredClient> RegisterAsync(WebSession admin, string serviceCode, bool mayDecide, string? name = null)
    {
        name ??= $"Système {Guid.NewGuid():N}"[..22];
        var form = await admin.GetAsync("/admin/clients-api/nouveau");
        var service = form.Html.QuerySelectorAll("#ServiceId option").Single(o => o.TextContent.StartsWith(serviceCode + " —", StringComparison.Ordinal));
        var shown = await admin.SubmitAsync(form, "Enregistrer le client",
            [("Name", name), ("ServiceId", service.GetAttribute("value")!), ("MayDecide", mayDecide ? "true" : "false")]);
        Assert.Equal(HttpStatusCode.OK, shown.Status);
        return new(shown.Html.QuerySelector("#client-id")!.TextContent, shown.Html.QuerySelector("#client-secret")!.TextContent, name);
    }

    public static HttpClient Anonymous(HostFixture host) => host.CreateClient(new() { BaseAddress = host.BaseAddress, AllowAutoRedirect = false, HandleCookies = false });

    public static Task<HttpResponseMessage> RequestTokenAsync(HttpClient http, string clientId, string secret, string? scope = null) =>
        http.PostAsync("/api/v1/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials",
            ["client_id"] = clientId,
            ["client_secret"] = secret,
        }.Concat(scope is null ? [] : [new("scope", scope)])));

    /// <summary>An HTTP client carrying a fresh token of <paramref name="client"/>.</summary>
    public static async Task<HttpClient> SignedInAsync(HostFixture host, RegisteredClient client, string? scope = null)
    {
        var http = Anonymous(host);
        using var response = await RequestTokenAsync(http, client.ClientId, client.Secret, scope);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var token = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("access_token").GetString();
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return http;
    }

    public static async Task<JsonElement> JsonAsync(HttpResponseMessage response, HttpStatusCode expected)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(expected == response.StatusCode, $"Expected {(int)expected}, got {(int)response.StatusCode}: {body}");
        return JsonDocument.Parse(body).RootElement;
    }

    /// <summary>A problem as RFC 9457 shapes it, in French, with the request's correlation id.</summary>
    public static async Task<JsonElement> ProblemAsync(HttpResponseMessage response, HttpStatusCode expected)
    {
        var problem = await JsonAsync(response, expected);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal((int)expected, problem.GetProperty("status").GetInt32());
        Assert.False(string.IsNullOrEmpty(problem.GetProperty("correlationId").GetString()));
        Assert.StartsWith("https://www.rfc-editor.org/", problem.GetProperty("type").GetString(), StringComparison.Ordinal);
        var title = problem.GetProperty("title").GetString()!;
        Assert.DoesNotContain("error", title, StringComparison.OrdinalIgnoreCase); // the French title, not ASP.NET's English one
        return problem;
    }

    public static string[] Errors(JsonElement problem, string field) =>
        problem.GetProperty("errors").GetProperty(field).EnumerateArray().Select(e => e.GetString()!).ToArray();
}
