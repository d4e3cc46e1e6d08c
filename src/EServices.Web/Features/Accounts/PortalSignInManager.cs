using System.Globalization;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace EServices.Web.Features.Accounts;

/// <summary>Identity's sign-in, refusing deactivated accounts at every step (password, code, session refresh).</summary>
public sealed class PortalSignInManager(
    UserManager<ApplicationUser> users,
    IHttpContextAccessor context,
    IUserClaimsPrincipalFactory<ApplicationUser> claims,
    IOptions<IdentityOptions> options,
    ILogger<SignInManager<ApplicationUser>> logger,
    IAuthenticationSchemeProvider schemes,
    IUserConfirmation<ApplicationUser> confirmation,
    TimeProvider clock)
    : SignInManager<ApplicationUser>(users, context, claims, options, logger, schemes, confirmation)
{
    public override async Task<bool> CanSignInAsync(ApplicationUser user) =>
        user.DeactivatedAt is null && await base.CanSignInAsync(user);

    /// <summary>A sign-in with a second factor (code, recovery code, enrolment, step-up) records when it was checked.</summary>
    public override Task SignInWithClaimsAsync(ApplicationUser user, AuthenticationProperties? authenticationProperties, IEnumerable<Claim> additionalClaims)
    {
        var claims = additionalClaims.Where(c => c.Type != TwoFactor.VerifiedAtClaim).ToList();
        if (claims.Any(c => c.Type == TwoFactor.Claim && c.Value == TwoFactor.Used))
        {
            claims.Add(new Claim(TwoFactor.VerifiedAtClaim, clock.GetUtcNow().ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture), ClaimValueTypes.Integer64));
        }

        return base.SignInWithClaimsAsync(user, authenticationProperties, claims);
    }

    /// <summary>Re-issues the session cookie after the user changed their own security stamp (an authenticator key, their
    /// own role), keeping how and when they proved their second factor: the step-up clock does not restart.</summary>
    public override async Task RefreshSignInAsync(ApplicationUser user)
    {
        var current = await Context.AuthenticateAsync(AuthenticationScheme);
        var kept = current.Principal?.Claims
            .Where(c => c.Type is TwoFactor.Claim or TwoFactor.VerifiedAtClaim or ClaimTypes.AuthenticationMethod)
            .Select(c => new Claim(c.Type, c.Value, c.ValueType))
            .ToList() ?? [];
        await base.SignInWithClaimsAsync(user, current.Properties, kept);
    }
}
