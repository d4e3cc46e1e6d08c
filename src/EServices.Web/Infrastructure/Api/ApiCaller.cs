using System.Globalization;
using EServices.Web.Infrastructure.Audit;
using Microsoft.AspNetCore.Mvc.Filters;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace EServices.Web.Infrastructure.Api;

/// <summary>
/// Before each API call, once its token is authorized and before its parameters are read: the client must be within its rate limit (<see cref="ApiRateLimit"/>); it must still be registered (a revoked client is refused at once, not when its
/// token expires); the call is journaled under its name; and the caller becomes the principal the back-office handlers
/// know, its client's account in the role <see cref="Roles.ApiClient"/> with its one service, so that StaffScope shows it
/// what it shows that service's agents and nothing else.
/// </summary>
public sealed class ApiCaller(AppDbContext db, AuditLog audit, ApiRateLimit limit) : IAsyncAuthorizationFilter
{
    public async Task OnAuthorizationAsync(AuthorizationFilterContext context)
    {
        var http = context.HttpContext;
        var clientId = http.User.FindFirstValue(Claims.Subject);
        if (clientId is not null && limit.Refuse(clientId) is { } wait)
        {
            var seconds = (int)Math.Ceiling(wait.TotalSeconds);
            http.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
            context.Result = ApiProblems.Result(http, StatusCodes.Status429TooManyRequests, $"Ce client a dépassé sa limite d'appels par minute : réessayez dans {seconds} s.");
            return;
        }

        var client = await db.ApiClients.ActiveAsync(clientId, http.RequestAborted);
        if (client is null)
        {
            http.Response.Headers.WWWAuthenticate = "Bearer error=\"invalid_token\"";
            context.Result = ApiProblems.Result(http, StatusCodes.Status401Unauthorized, "Ce client a été révoqué : demandez un nouvel accès à l'administrateur du portail.");
            return;
        }

        audit.Record(client.AccountId, $"Appel API {http.Request.Method} {http.Request.Path}{http.Request.QueryString}", AuditTargets.ApiClient, client.ClientId, client.Name);
        await db.SaveChangesAsync(http.RequestAborted);

        var identity = new ClaimsIdentity(http.User.Identity?.AuthenticationType, ClaimTypes.Name, ClaimTypes.Role);
        identity.AddClaims(
        [
            new(ClaimTypes.NameIdentifier, client.AccountId),
            new(ClaimTypes.Name, client.Name),
            new(ClaimTypes.Role, Roles.ApiClient),
            new(ApiClaims.Service, client.ServiceId.ToString(CultureInfo.InvariantCulture)),
            new(ApiClaims.ClientId, client.ClientId),
        ]);
        http.User = new ClaimsPrincipal(identity);
    }
}

public static class ActiveApiClients
{
    /// <summary>The client of this id unless it was revoked: the one rule both the token endpoint and each call apply.</summary>
    public static Task<ApiClient?> ActiveAsync(this DbSet<ApiClient> clients, string? clientId, CancellationToken ct) =>
        clients.AsNoTracking().FirstOrDefaultAsync(c => clientId != null && c.ClientId == clientId && c.RevokedAt == null, ct);
}
