using System.Globalization;
using System.Security.Claims;
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
}
