using FluentValidation;
using Microsoft.AspNetCore.Identity;

namespace EServices.Web.Features.Accounts;

/// <summary>"Mes coordonnées" (/compte/coordonnees): the applicant's number and how they are told of their requests.</summary>
[Route("compte/coordonnees")]
[Authorize(Policy = AuthorizationPolicies.Applicant)]
public sealed class ContactDetailsController(UserManager<ApplicationUser> users) : Controller
{
    [HttpGet("")]
    public async Task<IActionResult> Index() =>
        await users.GetUserAsync(User) is { } user ? View("ContactDetails", new ContactDetails.Page(user, ContactDetails.Offered(user))) : Challenge();

    [HttpPost("telephone")]
    [SignInLimited]
    public async Task<IActionResult> ChangePhone(ContactDetails.PhoneCommand command, [FromServices] IValidator<ContactDetails.PhoneCommand> validator, [FromServices] ContactDetails.PhoneChangeHandler handler, CancellationToken ct)
    {
        if (await users.GetUserAsync(User) is not { } user)
        {
            return Challenge();
        }

        if (await this.CheckAsync(validator, command, ct))
        {
            var objections = await handler.RequestAsync(user, command, ct);
            if (objections is null)
            {
                return PhoneAccountController.TooManyCodes(this);
            }

            if (!this.Objected(objections))
            {
                FieldRules.TryPhone(command.NewPhone!, out var phone);
                return View("SmsCode", SmsCodePage.PhoneChange(phone));
            }
        }

        return this.Redisplay("ContactDetails", new ContactDetails.Page(user, ContactDetails.Offered(user)) { NewPhone = command.NewPhone });
    }

    [HttpPost("renvoyer")]
    public async Task<IActionResult> Resend([FromServices] ContactDetails.PhoneChangeHandler handler, CancellationToken ct)
    {
        if (await users.GetUserAsync(User) is not { } user)
        {
            return Challenge();
        }

        if (await handler.ResendAsync(user, ct) is not { } phone)
        {
            return PhoneAccountController.TooManyCodes(this);
        }

        ViewData["Sent"] = true;
        return View("SmsCode", SmsCodePage.PhoneChange(phone));
    }

    [HttpPost("code")]
    public async Task<IActionResult> Confirm(ContactDetails.CodeCommand command, [FromServices] IValidator<ContactDetails.CodeCommand> validator, [FromServices] ContactDetails.PhoneChangeHandler handler, CancellationToken ct)
    {
        if (await users.GetUserAsync(User) is not { } user)
        {
            return Challenge();
        }

        var notices = user.Notices;
        var objection = await this.CheckAsync(validator, command, ct) ? await handler.ConfirmAsync(user, command.Code!, ct) : "";
        if (objection is null)
        {
            TempData["Message"] = $"Votre numéro est maintenant le {user.PhoneNumber}." +
                (user.Notices == notices ? "" : " Vous serez désormais prévenu par SMS et par e-mail ; modifiez-le ci-dessous.");
            return Redirect("/compte/coordonnees");
        }

        if (objection.Length > 0)
        {
            ModelState.AddModelError(nameof(command.Code), objection);
        }

        return this.Redisplay("SmsCode", SmsCodePage.PhoneChange(await handler.PendingAsync(user, ct) ?? ""));
    }

    [HttpPost("avis")]
    public async Task<IActionResult> Notices(ContactDetails.NoticesCommand command, [FromServices] ContactDetails.NoticesHandler handler)
    {
        if (await users.GetUserAsync(User) is not { } user)
        {
            return Challenge();
        }

        if (!await handler.HandleAsync(user, command))
        {
            ModelState.AddModelError(nameof(command.Notices), "Choisissez comment être prévenu, parmi les moyens proposés.");
            return this.Redisplay("ContactDetails", new ContactDetails.Page(user, ContactDetails.Offered(user)));
        }

        TempData["Message"] = "Votre choix est enregistré.";
        return Redirect("/compte/coordonnees");
    }
}
