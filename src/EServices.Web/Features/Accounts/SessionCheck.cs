using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace EServices.Web.Features.Accounts;

/// <summary>
/// Every signed-in request compares the session's security stamp with the account's (one primary-key read). Signing out,
/// a password reset, a role change or a deactivation changes the stamp, so every copy of the session cookie, on every
/// device, stops working at its next request. Whoever changes their own stamp and stays signed in re-issues their cookie
/// (<see cref="PortalSignInManager.RefreshSignInAsync"/>).
/// </summary>
public static class SessionCheck
{
    private static readonly Func<AppDbContext, string, Task<string?>> StampOf =
        EF.CompileAsyncQuery((AppDbContext db, string id) => db.Users.Where(u => u.Id == id).Select(u => u.SecurityStamp).FirstOrDefault());

    public static async Task ValidateAsync(CookieValidatePrincipalContext context)
    {
        var claimTypes = context.HttpContext.RequestServices.GetRequiredService<IOptions<IdentityOptions>>().Value.ClaimsIdentity;
        var userId = context.Principal?.FindFirst(claimTypes.UserIdClaimType)?.Value;
        var stamp = context.Principal?.FindFirst(claimTypes.SecurityStampClaimType)?.Value;
        string? current;
        try
        {
            current = userId is null ? null : await StampOf(context.HttpContext.RequestServices.GetRequiredService<AppDbContext>(), userId);
        }
        catch (Exception ex) when (DatabaseFaults.IsUnavailable(ex))
        {
            // While PostgreSQL is down the session is kept as it is (checked again at the next request), so that the page
            // can say "indisponible" (503) instead of failing inside sign-in.
            return;
        }

        if (current is null || stamp is null || !string.Equals(current, stamp, StringComparison.Ordinal))
        {
            context.RejectPrincipal();
            await context.HttpContext.SignOutAsync(IdentityConstants.ApplicationScheme);
            return;
        }

        // Sliding expiration alone renews a cookie only past half its life, so a staff session used at minute 14 would still
        // end at minute 30. Renewing it (at most once a minute) makes the idle timeout count from the last request.
        var now = (context.Options.TimeProvider ?? TimeProvider.System).GetUtcNow();
        if (context.Properties.IssuedUtc is { } issued && now - issued > TimeSpan.FromMinutes(1))
        {
            context.ShouldRenew = true;
        }
    }
}
