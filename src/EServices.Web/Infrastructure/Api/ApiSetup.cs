using System.Security.Cryptography;
using Microsoft.IdentityModel.Tokens;
using Microsoft.OpenApi;
using OpenIddict.Abstractions;
using OpenIddict.Validation.AspNetCore;

namespace EServices.Web.Infrastructure.Api;

public sealed class ApiOptions
{
    public const string Section = "Api";

    /// <summary>Calls per minute allowed to one client (a token bucket: a burst of this size, refilled each minute).</summary>
    public int RequestsPerMinute { get; set; } = 600;

    public TimeSpan TokenLifetime { get; set; } = TimeSpan.FromMinutes(30);
}

/// <summary>The names the API's pieces are registered under.</summary>
public static class ApiPolicies
{
    public const string Read = "api-read";
    public const string Decide = "api-decide";
    public const string Document = "v1";
    public const string TokenPath = "/api/v1/token";
}

/// <summary>
/// The public API: OAuth 2 client credentials by OpenIddict, bearer tokens on /api/v1 only (a browser's session cookie
/// opens nothing there, so no call can be forged from a page), a rate limit per client, and its OpenAPI document.
/// </summary>
public static class ApiSetup
{
    public static IServiceCollection AddPortalApi(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<ApiOptions>().BindConfiguration(ApiOptions.Section);
        var options = configuration.GetSection(ApiOptions.Section).Get<ApiOptions>() ?? new();
        Uri.TryCreate(configuration["Portal:PublicUrl"], UriKind.Absolute, out var issuer); // checked at start-up (PortalOptions)

        services.AddOpenIddict()
            .AddCore(o => o.UseEntityFrameworkCore().UseDbContext<AppDbContext>())
            .AddServer(o =>
            {
                o.SetTokenEndpointUris(ApiPolicies.TokenPath.TrimStart('/'));
                o.AllowClientCredentialsFlow();
                o.RegisterScopes(ApiScopes.Read, ApiScopes.Decide);
                o.SetAccessTokenLifetime(options.TokenLifetime);
                if (issuer is not null)
                {
                    o.SetIssuer(issuer);
                }

                // Tokens are sealed with Data Protection, whose keys all nodes share in PostgreSQL: a token from one node
                // works on the others and after a restart. OpenIddict still asks for keys of its own; they sign nothing here.
                o.UseDataProtection();
                // Made here rather than by AddEphemeral…Key(), whose two RSA keys cost each host a second at its first request.
                o.AddEncryptionKey(new SymmetricSecurityKey(RandomNumberGenerator.GetBytes(32)))
                    .AddSigningKey(new ECDsaSecurityKey(ECDsa.Create(ECCurve.NamedCurves.nistP256)));
                // Nothing is looked up from stored tokens: a client's revocation is read on each call (ApiCaller).
                o.DisableTokenStorage();
                o.DisableAuthorizationStorage();
                var aspNet = o.UseAspNetCore().EnableTokenEndpointPassthrough();
                if (issuer?.Scheme != Uri.UriSchemeHttps)
                {
                    aspNet.DisableTransportSecurityRequirement(); // a portal served over plain http (on loopback) serves its API so
                }
            })
            .AddValidation(o =>
            {
                o.UseLocalServer();
                o.UseDataProtection();
                o.UseAspNetCore();
            });

        services.AddAuthorizationBuilder()
            .AddPolicy(ApiPolicies.Read, p => p.AddAuthenticationSchemes(OpenIddictValidationAspNetCoreDefaults.AuthenticationScheme)
                .RequireAuthenticatedUser().RequireAssertion(c => c.User.HasScope(ApiScopes.Read)))
            .AddPolicy(ApiPolicies.Decide, p => p.AddAuthenticationSchemes(OpenIddictValidationAspNetCoreDefaults.AuthenticationScheme)
                .RequireAuthenticatedUser().RequireAssertion(c => c.User.HasScope(ApiScopes.Decide)));
        services.AddScoped<ApiCaller>();

        services.AddSingleton<ApiRateLimit>();
        services.AddProblemDetails(o => o.CustomizeProblemDetails = c => ApiProblems.Complete(c.ProblemDetails, c.HttpContext));
        services.PostConfigure<ApiBehaviorOptions>(o => // after MVC's own defaults, in English
        {
            foreach (var status in ApiProblems.Statuses)
            {
                o.ClientErrorMapping[status] = new ClientErrorData { Title = ApiProblems.Title(status), Link = ApiProblems.Type(status) };
            }

            o.InvalidModelStateResponseFactory = ApiProblems.Unreadable;
        });

        // JSON between systems is UTF-8 (RFC 8259 §8.1): a body declared in another charset gets 415, not a decoder's 500.
        services.PostConfigure<MvcOptions>(o =>
        {
            foreach (var json in o.InputFormatters.OfType<Microsoft.AspNetCore.Mvc.Formatters.SystemTextJsonInputFormatter>())
            {
                foreach (var other in json.SupportedEncodings.Where(e => e.CodePage != System.Text.Encoding.UTF8.CodePage).ToList())
                {
                    json.SupportedEncodings.Remove(other);
                }
            }
        });

        services.AddOpenApi(ApiPolicies.Document, o =>
        {
            o.ShouldInclude = d => d.RelativePath?.StartsWith("api/v1/", StringComparison.Ordinal) == true;
            o.AddDocumentTransformer((document, _, _) =>
            {
                document.Info = new OpenApiInfo
                {
                    Title = "EServices — API du ministère de la Fonction publique",
                    Version = "v1",
                    Description = "Les démarches et les demandes d'un service, et les décisions que ses agents prennent au back-office. "
                        + "Jeton OAuth 2 (client credentials) obtenu sur " + ApiPolicies.TokenPath + " ; erreurs au format RFC 9457.",
                };
                document.Components ??= new OpenApiComponents();
                document.Components.SecuritySchemes = new Dictionary<string, IOpenApiSecurityScheme>
                {
                    ["oauth2"] = new OpenApiSecurityScheme
                    {
                        Type = SecuritySchemeType.OAuth2,
                        Description = "Identifiant et secret du client, remis une seule fois par l'administrateur du portail.",
                        Flows = new OpenApiOAuthFlows
                        {
                            ClientCredentials = new OpenApiOAuthFlow
                            {
                                TokenUrl = new Uri(ApiPolicies.TokenPath, UriKind.Relative),
                                Scopes = new Dictionary<string, string>
                                {
                                    [ApiScopes.Read] = "Lire les démarches et les demandes du service",
                                    [ApiScopes.Decide] = "Prendre, demander un complément, accepter, rejeter, écrire",
                                },
                            },
                        },
                    },
                };
                document.Security = [new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference("oauth2", document)] = [ApiScopes.Read] }];
                return Task.CompletedTask;
            });
        });
        return services;
    }
}
