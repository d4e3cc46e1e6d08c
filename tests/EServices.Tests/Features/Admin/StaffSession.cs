using EServices.Tests.Infrastructure;

namespace EServices.Tests.Features.Admin;

public static class StaffSession
{
    /// <summary>Signs in a member of staff created earlier with <see cref="TestStaff.CreateAsync"/>: password, then code.</summary>
    public static async Task SignInAsync(WebSession session, TestUser staff)
    {
        var codePage = await session.SubmitAsync(await session.GetAsync("/compte/connexion"), "Se connecter", [("Email", staff.Email), ("Password", staff.Password)]);
        var signedIn = await session.SubmitAsync(codePage, "Valider", [("Code", await Totp.NextAsync(staff.AuthenticatorKey!))]);
        if (!signedIn.Url.StartsWith("/back-office", StringComparison.Ordinal))
        {
            throw new InvalidOperationException("Staff sign-in failed: " + signedIn.Text);
        }
    }
}
