using System.Security.Claims;
using EServices.Web.Documents;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;

namespace EServices.Web.Features.Accounts;

public sealed record CodeForm(string? Code, string? ReturnUrl);

public sealed record EnrolmentPage(string ReadableKey, string QrDataUri);

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

        return result.Succeeded ? LocalRedirect(Local(form.ReturnUrl))
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

        return result.Succeeded ? LocalRedirect(Local(form.ReturnUrl))
            : await signIn.GetTwoFactorAuthenticationUserAsync() is null ? Redirect("/compte/connexion")
            : Refuse(form, "Ce code de secours n'est pas valable (chaque code ne sert qu'une fois).", nameof(RecoveryCode));
    }

    [Authorize]
    [HttpGet("double-authentification")]
    public async Task<IActionResult> Enrol() => View(await EnrolmentAsync());

    [Authorize]
    [HttpPost("double-authentification")]
    public async Task<IActionResult> Enrol(string? code, CancellationToken ct)
    {
        var user = await users.GetUserAsync(User);
        var cleaned = (code ?? "").Replace(" ", "", StringComparison.Ordinal);
        if (user is null || !await users.VerifyTwoFactorTokenAsync(user, users.Options.Tokens.AuthenticatorTokenProvider, cleaned))
        {
            ModelState.AddModelError("code", cleaned.Length == 0
                ? "Saisissez le code à 6 chiffres affiché par votre application."
                : "Code incorrect : vérifiez que l'heure de votre téléphone est juste et saisissez le code affiché maintenant.");
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return View(await EnrolmentAsync());
        }

        await users.SetTwoFactorEnabledAsync(user, true);
        var recoveryCodes = await users.GenerateNewTwoFactorRecoveryCodesAsync(user, 10);
        await signIn.SignInWithClaimsAsync(user, isPersistent: false, [new Claim(TwoFactor.Claim, TwoFactor.Used)]);
        await journal.RecordAsync(user, "Double authentification activée ; connexion au back-office", ct);
        return View("RecoveryCodes", recoveryCodes?.ToList() ?? []);
    }

    private async Task<EnrolmentPage> EnrolmentAsync()
    {
        var user = await users.GetUserAsync(User) ?? throw new InvalidOperationException("Signed-in user not found.");
        var key = await users.GetAuthenticatorKeyAsync(user);
        if (string.IsNullOrEmpty(key))
        {
            await users.ResetAuthenticatorKeyAsync(user); // changes the security stamp: the session cookie follows
            await signIn.RefreshSignInAsync(user);
            key = await users.GetAuthenticatorKeyAsync(user);
        }

        var qr = Convert.ToBase64String(QrCodes.Png(TwoFactor.OtpAuthUri(user.Email!, key!)));
        return new EnrolmentPage(TwoFactor.Readable(key!), $"data:image/png;base64,{qr}");
    }

    private ViewResult Refuse(CodeForm form, string message, string view = nameof(Code))
    {
        ModelState.AddModelError("Code", message);
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return View(view, form with { Code = null });
    }

    private static string Local(string? returnUrl) => ReturnUrl.LocalOr(returnUrl, "/back-office");
}
