using EServices.Web.Infrastructure.Api;
using Microsoft.AspNetCore;
using Microsoft.AspNetCore.Authentication;
using OpenIddict.Abstractions;
using OpenIddict.Server.AspNetCore;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace EServices.Web.Features.Accounts;

/// <summary>
/// Another system signs in: OAuth 2 client credentials (RFC 6749 §4.4). Before this action runs OpenIddict has checked the
/// grant, the client's secret against its hash and the scopes the client was given; an unknown grant, a wrong secret or a
/// scope not given never reach it. Limited like the sign-in pages: per address, and per client id when it is in the form.
/// </summary>
[AllowAnonymous]
[IgnoreAntiforgeryToken] // no cookie is read here: the client authenticates with its secret
[ApiExplorerSettings(IgnoreApi = true)] // described by the OpenAPI document's security scheme
public sealed class ApiTokenController(AppDbContext db) : Controller
{
    [HttpPost(ApiPolicies.TokenPath)]
    [SignInLimited(Parameters.ClientId, Counter = "api:")]
    public async Task<IActionResult> Exchange(CancellationToken ct)
    {
        var request = HttpContext.GetOpenIddictServerRequest()!;
        var client = await db.ApiClients.ActiveAsync(request.ClientId, ct);
        if (client is null)
        {
            // Revoked between OpenIddict's check and here: its application row goes with the revocation.
            return Forbid(new AuthenticationProperties(new Dictionary<string, string?>
            {
                [OpenIddictServerAspNetCoreConstants.Properties.Error] = OpenIddictConstants.Errors.InvalidClient,
                [OpenIddictServerAspNetCoreConstants.Properties.ErrorDescription] = "Ce client a été révoqué.",
            }), OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
        }

        var identity = new ClaimsIdentity(OpenIddictServerAspNetCoreDefaults.AuthenticationScheme, Claims.Name, Claims.Role);
        identity.SetClaim(Claims.Subject, client.ClientId).SetClaim(Claims.Name, client.Name);
        // No scope asked: every scope the client was given (RFC 6749 §3.3 lets the server choose).
        identity.SetScopes(request.GetScopes() is { IsEmpty: false } asked ? asked : [.. client.Scopes]);
        identity.SetDestinations(_ => [Destinations.AccessToken]);
        return SignIn(new ClaimsPrincipal(identity), OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
    }
}
