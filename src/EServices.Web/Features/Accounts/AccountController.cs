using FluentValidation;

namespace EServices.Web.Features.Accounts;

/// <summary>Sign-up, activation, sign-in and out, forgotten password: each action's work is in its command's handler.</summary>
[AllowAnonymous]
[Route("compte")]
public sealed class AccountController : Controller
{
    /// <summary>The one answer to a refused sign-in, whether the address has no account, the password is wrong or the account
    /// is locked.</summary>
    public const string SignInRefused = "Identifiant (adresse e-mail ou numéro de téléphone) ou mot de passe incorrect. Après 5 essais infructueux, le compte est bloqué " +
        "15 minutes : vous pouvez alors réinitialiser votre mot de passe.";

    [HttpGet("inscription")]
    public IActionResult Register(string? returnUrl) => View(new SignUp.Command { ReturnUrl = returnUrl });

    [HttpPost("inscription")]
    [SignInLimited(nameof(SignUp.Command.Email), Counter = "inscription:")]
    public async Task<IActionResult> Register(SignUp.Command command, [FromServices] IValidator<SignUp.Command> validator, [FromServices] SignUp.Handler handler, CancellationToken ct)
    {
        if (!await this.CheckAsync(validator, command, ct))
        {
            return this.Redisplay(command);
        }

        var result = await handler.HandleAsync(command, ct);
        if (this.Objected(result.Errors))
        {
            return this.Redisplay(command with { Password = null, ConfirmPassword = null });
        }

        if (result.Limited)
        {
            return PhoneAccountController.TooManyCodes(this);
        }

        ViewData["Email"] = result.Email;
        return result.Ticket is null ? View("RegisterSent") : View("SmsCode", SmsCodePage.SignUp(result.Email, result.Ticket));
    }

    [HttpGet("activer")]
    public IActionResult Activate(string? jeton, [FromServices] Activation.Handler handler) =>
        handler.Read(jeton) is { } ticket ? View(new Activation.Command { Jeton = jeton, Email = ticket.Email }) : ActivationRefused();

    [HttpPost("activer")]
    public async Task<IActionResult> Activate(Activation.Command command, [FromServices] Activation.Handler handler)
    {
        var result = await handler.HandleAsync(command);
        switch (result.Outcome)
        {
            case Activation.Outcome.Created:
                // The number typed beside the address is not proved yet: SMS wait until its owner confirms it.
                TempData["Message"] = "Votre compte est créé. Bienvenue sur les e-services." + (result.Ticket!.PhoneNumber is null ? ""
                    : " Pour être prévenu aussi par SMS, vérifiez votre numéro dans « Mon compte ».");
                return LocalRedirect(SafeReturnUrl(result.Ticket.ReturnUrl));
            case Activation.Outcome.AlreadyActive:
                Response.StatusCode = StatusCodes.Status409Conflict;
                return View("AlreadyActive", result.Ticket!.Email);
            default:
                return ActivationRefused();
        }
    }

    private ViewResult ActivationRefused()
    {
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return View("ActivationRefused");
    }

    [HttpGet("connexion")]
    public IActionResult Login(string? returnUrl) => View(new PasswordSignIn.Command { ReturnUrl = returnUrl });

    [HttpPost("connexion")]
    [SignInLimited(nameof(PasswordSignIn.Command.Email))]
    public async Task<IActionResult> Login(PasswordSignIn.Command command, [FromServices] IValidator<PasswordSignIn.Command> validator, [FromServices] PasswordSignIn.Handler handler, CancellationToken ct)
    {
        if (!await this.CheckAsync(validator, command, ct))
        {
            return this.Redisplay(command);
        }

        var outcome = await handler.HandleAsync(command, ct);
        if (outcome is PasswordSignIn.Outcome.Refused or PasswordSignIn.Outcome.Deactivated)
        {
            ModelState.AddModelError(nameof(command.Password), outcome == PasswordSignIn.Outcome.Refused ? SignInRefused
                : "Ce compte est désactivé. Adressez-vous à l'administrateur du portail.");
            return this.Redisplay(command with { Password = null });
        }

        return outcome switch
        {
            PasswordSignIn.Outcome.RequiresTwoFactor => Redirect($"/compte/connexion/code?returnUrl={Uri.EscapeDataString(command.ReturnUrl ?? "")}"),
            PasswordSignIn.Outcome.MustEnrol => Redirect("/compte/double-authentification"),
            _ => LocalRedirect(SafeReturnUrl(command.ReturnUrl)),
        };
    }

    [HttpPost("deconnexion")]
    public async Task<IActionResult> Logout([FromServices] SignOutEverywhere.Handler handler)
    {
        await handler.HandleAsync(User);
        TempData["Message"] = "Vous êtes déconnecté.";
        return Redirect("/");
    }

    [HttpGet("mot-de-passe-oublie")]
    public IActionResult ForgotPassword() => View(new ForgottenPassword.Command());

    [HttpPost("mot-de-passe-oublie")]
    [SignInLimited(nameof(ForgottenPassword.Command.Email))]
    public async Task<IActionResult> ForgotPassword(ForgottenPassword.Command command, [FromServices] IValidator<ForgottenPassword.Command> validator, [FromServices] ForgottenPassword.Handler handler, CancellationToken ct)
    {
        if (!await this.CheckAsync(validator, command, ct))
        {
            return this.Redisplay(command);
        }

        var result = await handler.HandleAsync(command, ct);
        return result.Outcome switch
        {
            ForgottenPassword.Outcome.CodeSent => View("SmsCode", SmsCodePage.PasswordReset(result.Phone!)),
            ForgottenPassword.Outcome.Limited => PhoneAccountController.TooManyCodes(this),
            _ => View("ForgotPasswordSent"),
        };
    }

    [HttpGet("reinitialiser")]
    public IActionResult ResetPassword(string? userId, string? code) => View(new PasswordReset.Command { UserId = userId, Code = code });

    [HttpPost("reinitialiser")]
    [SignInLimited(nameof(PasswordReset.Command.UserId))]
    public async Task<IActionResult> ResetPassword(PasswordReset.Command command, [FromServices] IValidator<PasswordReset.Command> validator, [FromServices] PasswordReset.Handler handler, CancellationToken ct)
    {
        if (!await this.CheckAsync(validator, command, ct) || this.Objected(await handler.HandleAsync(command, ct)))
        {
            return this.Redisplay(command);
        }

        TempData["Message"] = "Votre mot de passe est changé. Connectez-vous avec le nouveau.";
        return Redirect("/compte/connexion");
    }

    [HttpGet("acces-refuse")]
    public IActionResult AccessDenied() => View();

    private static string SafeReturnUrl(string? returnUrl) => ReturnUrl.LocalOr(returnUrl, "/mes-demandes");
}
