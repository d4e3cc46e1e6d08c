using EServices.Web.Infrastructure.Api;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.Extensions.Options;
using Microsoft.OpenApi;

namespace EServices.Web.Features.Api;

public sealed record ReferenceParameter(string Name, string Where, bool Required, string Type, string? Description);

public sealed record ReferenceOperation(string Method, string Path, string? Summary, string? Description, IReadOnlyList<ReferenceParameter> Parameters,
    IReadOnlyList<ReferenceParameter> Body, IReadOnlyList<(string Status, string Description)> Responses, string? Scope)
{
    public string Anchor => $"{Method}-{Path}".ToLowerInvariant().Replace('/', '-').Replace("{", "", StringComparison.Ordinal).Replace("}", "", StringComparison.Ordinal);
}

public sealed record ReferencePage(string Title, string? Description, IReadOnlyList<ReferenceOperation> Operations, int RequestsPerMinute, TimeSpan TokenLifetime);

/// <summary>The API's reference, server-rendered from the same OpenAPI document as /api/v1/openapi.json: the page and the
/// document cannot disagree, and no script is needed (the pages' CSP forbids inline ones).</summary>
[AllowAnonymous]
[ApiExplorerSettings(IgnoreApi = true)]
public sealed class ApiReferenceController : Controller
{
    [HttpGet("/api/v1")]
    public async Task<IActionResult> Reference(
        [FromKeyedServices(ApiPolicies.Document)] IOpenApiDocumentProvider documents, [FromServices] IOptions<ApiOptions> options, CancellationToken ct)
    {
        var document = await documents.GetOpenApiDocumentAsync(ct);
        var operations = (document.Paths ?? [])
            .SelectMany(p => (p.Value.Operations ?? []).Select(o => Operation(p.Key, o.Key.Method, o.Value)))
            .OrderBy(o => o.Path, StringComparer.Ordinal).ThenBy(o => o.Method == "GET" ? 0 : 1)
            .ToList();
        return View(new ReferencePage(document.Info.Title ?? "API", document.Info.Description, operations, options.Value.RequestsPerMinute, options.Value.TokenLifetime));
    }

    private static ReferenceOperation Operation(string path, string method, OpenApiOperation operation) => new(
        method, path, operation.Summary, operation.Description,
        (operation.Parameters ?? []).Select(p => new ReferenceParameter(p.Name ?? "", p.In == ParameterLocation.Path ? "chemin" : "requête", p.Required, TypeOf(p.Schema), p.Description)).ToList(),
        (operation.RequestBody?.Content?.Values.FirstOrDefault()?.Schema?.Properties ?? new Dictionary<string, IOpenApiSchema>())
            .Select(p => new ReferenceParameter(p.Key, "corps", p.Key == "version", TypeOf(p.Value), p.Value.Description)).ToList(),
        (operation.Responses ?? []).Select(r => (r.Key, r.Value.Description ?? "")).ToList(),
        method == "GET" ? ApiScopes.Read : ApiScopes.Decide);

    private static string TypeOf(IOpenApiSchema? schema) => schema switch
    {
        null => "",
        { Type: { } type } when type.HasFlag(JsonSchemaType.Array) => $"liste de {TypeOf(schema.Items)}",
        { Format: "date" } => "date (AAAA-MM-JJ)",
        { Format: "date-time" } => "date et heure (ISO 8601)",
        { Type: { } type } when type.HasFlag(JsonSchemaType.Integer) => "entier",
        { Type: { } type } when type.HasFlag(JsonSchemaType.String) => "texte",
        { Type: { } type } when type.HasFlag(JsonSchemaType.Boolean) => "booléen",
        _ => "objet",
    };
}
