using System.Net;
using System.Text.RegularExpressions;
using EServices.Tests.Infrastructure;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.OpenApi;

namespace EServices.Tests.Features.Api;

/// <summary>The API's description: a valid OpenAPI document that lists every route of /api/v1 and nothing else, and the
/// reference page rendered from it.</summary>
[Collection(WebCollection.Name)]
public sealed partial class OpenApiTests(HostFixture host)
{
    /// <summary>The API's own doors, described otherwise: the token endpoint by the security scheme, the rest are the description.</summary>
    private static readonly string[] Undocumented = ["POST /api/v1/token", "GET /api/v1", "GET /api/v1/openapi.json"];

    [Fact]
    public async Task The_document_is_valid_and_lists_exactly_the_routes_the_api_serves()
    {
        using var http = ApiClients.Anonymous(host);
        var json = await http.GetStringAsync("/api/v1/openapi.json");
        var read = OpenApiDocument.Parse(json, "json");
        Assert.Empty(read.Diagnostic?.Errors ?? []);
        var document = read.Document!;
        Assert.Empty(document.Validate(ValidationRuleSet.GetDefaultRuleSet()) ?? []);

        var documented = document.Paths.SelectMany(p => p.Value.Operations!.Keys.Select(m => $"{m.Method} {p.Key}")).Order(StringComparer.Ordinal).ToList();
        var served = host.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => (e.RoutePattern.RawText ?? "").TrimStart('/').StartsWith("api/", StringComparison.Ordinal))
            .SelectMany(e => (e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["*"])
                .Select(m => $"{m} /{Constraint().Replace(e.RoutePattern.RawText!.TrimStart('/'), "}")}"))
            .Except(Undocumented)
            .Order(StringComparer.Ordinal).ToList();
        Assert.Equal(served, documented);
        Assert.Contains("GET /api/v1/demandes/{numero}", documented);

        var scheme = Assert.Single(document.Components!.SecuritySchemes!).Value;
        Assert.Equal("/api/v1/token", scheme.Flows!.ClientCredentials!.TokenUrl!.OriginalString);
        Assert.Equal(["eservices.decide", "eservices.read"], scheme.Flows.ClientCredentials.Scopes!.Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task The_reference_page_shows_every_operation_of_the_document_in_french_without_a_script()
    {
        using var http = ApiClients.Anonymous(host);
        var document = OpenApiDocument.Parse(await http.GetStringAsync("/api/v1/openapi.json"), "json").Document!;
        using var session = host.NewSession();
        var page = await session.GetAsync("/api/v1");
        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Equal("Référence de l'API", page.Html.QuerySelector("h1")!.TextContent);
        var headings = page.Html.QuerySelectorAll("section.api-operation h3").Select(h => h.TextContent).ToList();
        Assert.Equal(document.Paths.Sum(p => p.Value.Operations!.Count), headings.Count);
        Assert.Contains("POST /api/v1/demandes/{numero}/rejeter", headings);
        Assert.Empty(page.Html.QuerySelectorAll("script:not([src])"));
    }

    [GeneratedRegex(":[^}]*}")]
    private static partial Regex Constraint();
}
