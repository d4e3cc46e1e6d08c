using FluentValidation;

namespace EServices.Web.Features.Accounts;

/// <summary>The pages of the codes sent by SMS before sign-in: a sign-up by phone, a password forgotten by an account
/// known by its number. The forms that ask for them are AccountController's.</summary>
[AllowAnonymous]
[Route("compte")]
public sealed class PhoneAccountController : Controller
{
    [HttpPost("inscription/code")]
    public async Task<IActionResult> SignUpCode(PhoneActivation.Command command, [FromServices] IValidator<PhoneActivation.Command> validator, [FromServices] PhoneActivation.Handler handler, CancellationToken ct)
    {
        var ticket = handler.Read(command.Jeton);
        if (ticket?.PhoneNumber is null)
        {
            return SignUpExpired();
        }

        if (await this.CheckAsync(validator, command, ct) && await handler.HandleAsync(command, ct) is { } result)
        {
            if (result.Created is not null)
            {
                TempData["Message"] = "Votre compte est créé. Bienvenue sur les e-services.";
                return LocalRedirect(ReturnUrl.LocalOr(result.Created.ReturnUrl, "/mes-demandes"));
            }

            ModelState.AddModelError(nameof(command.Code), result.Objection!);
        }

        return this.Redisplay("SmsCode", SmsCodePage.SignUp(ticket.PhoneNumber, command.Jeton));
    }

    [HttpPost("inscription/renvoyer")]
    public async Task<IActionResult> ResendSignUpCode(string? jeton, [FromServices] PhoneActivation.Handler activation, [FromServices] SignUp.Handler signUp, CancellationToken ct)
    {
        if (activation.Read(jeton)?.PhoneNumber is not { } phone)
        {
            return SignUpExpired();
        }

        return await signUp.SendCodeAsync(phone, ct) ? CodeSent(SmsCodePage.SignUp(phone, jeton)) : TooManyCodes(this);
    }

    [HttpPost("mot-de-passe-oublie/code")]
    [SignInLimited(nameof(SmsPasswordReset.Command.Phone))]
    public async Task<IActionResult> ResetByCode(SmsPasswordReset.Command command, [FromServices] IValidator<SmsPasswordReset.Command> validator, [FromServices] SmsPasswordReset.Handler handler, CancellationToken ct)
    {
        if (!FieldRules.TryPhone(command.Phone ?? "", out var phone))
        {
            return Redirect("/compte/mot-de-passe-oublie");
        }

        if (!await this.CheckAsync(validator, command, ct) || this.Objected(await handler.HandleAsync(command, ct)))
        {
            return this.Redisplay("SmsCode", SmsCodePage.PasswordReset(phone));
        }

        TempData["Message"] = "Votre mot de passe est changé. Connectez-vous avec le nouveau.";
        return Redirect("/compte/connexion");
    }

    /// <summary>The code's page again, saying that a new code is on its way.</summary>
    internal ViewResult CodeSent(SmsCodePage page)
    {
        ViewData["Sent"] = true;
        return View("SmsCode", page);
    }

    /// <summary>Too many codes for the number or from the client's address: the French 429 page, nothing sent.</summary>
    internal static StatusCodeResult TooManyCodes(Controller page)
    {
        page.Response.Headers.RetryAfter = "900";
        return page.StatusCode(StatusCodes.Status429TooManyRequests);
    }

    private ViewResult SignUpExpired()
    {
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return View("SignUpExpired");
    }
}
