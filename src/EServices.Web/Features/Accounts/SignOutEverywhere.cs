using Microsoft.AspNetCore.Identity;

namespace EServices.Web.Features.Accounts;

/// <summary>"Se déconnecter" ends the session on every device, not only this one.</summary>
public static class SignOutEverywhere
{
    public sealed class Handler(UserManager<ApplicationUser> users, SignInManager<ApplicationUser> signIn)
    {
        public async Task HandleAsync(ClaimsPrincipal principal)
        {
            var user = await users.GetUserAsync(principal);
            await signIn.SignOutAsync();
            if (user is not null)
            {
                // A new stamp makes a copy of the session cookie worthless at its next check (within a minute), on every device.
                await users.UpdateSecurityStampAsync(user);
            }
        }
    }
}
