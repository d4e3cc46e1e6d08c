using EServices.Web.Documents;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;

namespace EServices.Web.Features.Accounts;

public sealed record CodeForm(string? Code, string? ReturnUrl);

/// <summary>The key offered to the user's app; <paramref name="ProtectedKey"/> is the same key, encrypted for the confirming POST.</summary>
public sealed record EnrolmentPage(string ReadableKey, string QrDataUri, string ProtectedKey);

/// <summary>The second factor of staff: enter a code at sign-in (or a recovery code), enrol an authenticator app.</summary>
[Route("compte")]
public sealed class TwoFactorController(UserManager<ApplicationUser> users, SignInManager<ApplicationUser> signIn, SignInJournal journal) : Controller
{
    [AllowAnonymous]
    [HttpGet("connexion/code")]
    public IActionResult Code(string? returnUrl) => View(new CodeForm(null, returnUrl));

    [AllowAnonymous]
    [HttpPost("connexion/code")]
    [SignInLimited]
    public async Task<IActionResult> Code(CodeForm form, CancellationToken ct)
    {
        var code = (form.Code ?? "").Replace(" ", "", StringComparison.Ordinal).Replace("-", "", StringComparison.Ordinal);
        if (code.Length == 0)
        {
            return Refuse(form, "Saisissez le code à 6 chiffres affiché par votre application d'authentification.");
        }

        var user = await signIn.GetTwoFactorAuthenticationUserAsync();
        var result = await signIn.TwoFactorAuthenticatorSignInAsync(code, isPersistent: false, rememberClient: false);
        if (user is not null)
        {
            await journal.SecondFactorAsync(user, result, "code de l'application", ct);
        }

        return result.Succeeded ? LocalRedirect(await LocalAsync(form.ReturnUrl, user))
            : result.IsLockedOut ? Refuse(form, "Trop d'essais infructueux : votre compte est bloqué pendant 15 minutes.")
            : await signIn.GetTwoFactorAuthenticationUserAsync() is null ? Redirect("/compte/connexion")
            : Refuse(form, "Code incorrect ou expiré. Saisissez le code affiché maintenant par votre application.");
    }

    [AllowAnonymous]
    [HttpGet("connexion/code-de-secours")]
    public IActionResult RecoveryCode(string? returnUrl) => View(new CodeForm(null, returnUrl));

    [AllowAnonymous]
    [HttpPost("connexion/code-de-secours")]
    [SignInLimited]
    public async Task<IActionResult> RecoveryCode(CodeForm form, CancellationToken ct)
    {
        var code = (form.Code ?? "").Replace(" ", "", StringComparison.Ordinal);
        if (code.Length == 0)
        {
            return Refuse(form, "Saisissez l'un de vos codes de secours.", nameof(RecoveryCode));
        }

        var user = await signIn.GetTwoFactorAuthenticationUserAsync();
        var result = await signIn.TwoFactorRecoveryCodeSignInAsync(code);
        if (user is not null)
        {
            await journal.SecondFactorAsync(user, result, "code de secours", ct);
        }

        return result.Succeeded ? LocalRedirect(await LocalAsync(form.ReturnUrl, user))
            : await signIn.GetTwoFactorAuthenticationUserAsync() is null ? Redirect("/compte/connexion")
            : Refuse(form, "Ce code de secours n'est pas valable (chaque code ne sert qu'une fois).", nameof(RecoveryCode));
    }

    /// <summary>Shows a new key and stores nothing: a GET must not change the account (issue 14: it created a key and changed
    /// the security stamp, ending the user's other sessions, from a mere link). The key travels in the form, encrypted and
    /// bound to the user, and is stored by the POST that proves the app has it.</summary>
    [Authorize]
    [HttpGet("double-authentification")]
    public async Task<IActionResult> Enrol() =>
        await users.GetUserAsync(User) is { } user ? View(Enrolment(user, users.GenerateNewAuthenticatorKey())) : Redirect("/compte/connexion");

    [Authorize]
    [HttpPost("double-authentification")]
    public async Task<IActionResult> Enrol(string? code, string? cle, [FromServices] AuthenticatorCodes codes, [FromServices] IUserStore<ApplicationUser> store, CancellationToken ct)
    {
        var user = await users.GetUserAsync(User);
        if (user is null)
        {
            return Redirect("/compte/connexion");
        }

        var key = OfferedKey(user, cle);
        var cleaned = (code ?? "").Replace(" ", "", StringComparison.Ordinal);
        if (key is null || !await codes.AcceptAsync(user, key, cleaned, ct))
        {
            ModelState.AddModelError("code", key is null ? "Cette page a expiré : ajoutez la nouvelle clé ci-dessus à votre application, puis saisissez le code qu'elle affiche."
                : cleaned.Length == 0 ? "Saisissez le code à 6 chiffres affiché par votre application."
                : "Code incorrect : vérifiez que l'heure de votre téléphone est juste et saisissez le code affiché maintenant.");
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return View(Enrolment(user, key ?? users.GenerateNewAuthenticatorKey()));
        }

        // Key and activation are saved together, with a new security stamp: the user's other sessions end now.
        await ((IUserAuthenticatorKeyStore<ApplicationUser>)store).SetAuthenticatorKeyAsync(user, key, ct);
        await users.SetTwoFactorEnabledAsync(user, true);
        var recoveryCodes = await users.GenerateNewTwoFactorRecoveryCodesAsync(user, 10);
        await signIn.SignInWithClaimsAsync(user, isPersistent: false, [new Claim(TwoFactor.Claim, TwoFactor.Used)]);
        await journal.RecordAsync(user, "Double authentification activée ; connexion au back-office", ct);
        return View("RecoveryCodes", recoveryCodes?.ToList() ?? []);
    }

    /// <summary>Encrypts the offered key for this user, for an hour (time enough to install an app).</summary>
    private EnrolmentPage Enrolment(ApplicationUser user, string key)
    {
        var qr = Convert.ToBase64String(QrCodes.Png(TwoFactor.OtpAuthUri(user.Email ?? user.UserName!, key)));
        return new EnrolmentPage(TwoFactor.Readable(key), $"data:image/png;base64,{qr}", EnrolmentProtector.Protect($"{user.Id}:{key}", TimeSpan.FromHours(1)));
    }

    /// <summary>The key this user was offered, or null when the field was altered, expired or issued to someone else.</summary>
    private string? OfferedKey(ApplicationUser user, string? protectedKey)
    {
        try
        {
            var parts = EnrolmentProtector.Unprotect(protectedKey ?? "").Split(':', 2);
            return parts is [var id, var key] && id == user.Id && key.Length > 0 ? key : null;
        }
        catch (System.Security.Cryptography.CryptographicException)
        {
            return null;
        }
    }

    private ITimeLimitedDataProtector EnrolmentProtector =>
        HttpContext.RequestServices.GetRequiredService<IDataProtectionProvider>().CreateProtector("EServices.TwoFactor.Enrolment").ToTimeLimitedDataProtector();

    private ViewResult Refuse(CodeForm form, string message, string view = nameof(Code))
    {
        ModelState.AddModelError("Code", message);
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return View(view, form with { Code = null });
    }

    /// <summary>Where the address asked for, or the staff member's home: the cash desk for a cashier and the counter for a
    /// clerk, who have no back-office.</summary>
    private async Task<string> LocalAsync(string? returnUrl, ApplicationUser? user) =>
        ReturnUrl.LocalOr(returnUrl, user is null ? "/back-office"
            : await users.IsInRoleAsync(user, Roles.Cashier) ? "/caisse"
            : await users.IsInRoleAsync(user, Roles.Clerk) ? "/guichet" : "/back-office");
}
