using EServices.Web.Infrastructure.Sms;
using FluentValidation;
using Microsoft.AspNetCore.Identity;

namespace EServices.Web.Features.Accounts;

/// <summary>"Mot de passe oublié": a reset link to the address of the account, or a code by SMS to its confirmed number;
/// the same answer when there is no such account.</summary>
public static class ForgottenPassword
{
    public sealed record Command
    {
        /// <summary>The address or the phone number.</summary>
        public string? Email { get; init; }
    }

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator() =>
            RuleFor(f => f.Email).Cascade(CascadeMode.Stop).NotEmpty().WithMessage("Saisissez l'adresse e-mail ou le numéro de téléphone de votre compte.")
                .Must(Identifiers.IsValid).WithMessage(Identifiers.Invalid);
    }

    public enum Outcome
    {
        LinkSent,
        CodeSent,

        /// <summary>Too many codes for this number or from this address: nothing sent.</summary>
        Limited,
    }

    /// <summary>What was done; <paramref name="Phone"/> is the number as the portal writes it when a code was asked for.</summary>
    public sealed record Result(Outcome Outcome, string? Phone = null);

    public sealed class Handler(UserManager<ApplicationUser> users, AccountMail mail, PublicLinks links, PhoneCodes codes)
    {
        public async Task<Result> HandleAsync(Command command, CancellationToken ct)
        {
            if (FieldRules.TryPhone(command.Email!, out var phone))
            {
                // A number without an account gets nothing, but the request is counted alike: the limits do not tell either.
                var owner = await Identifiers.ByPhoneAsync(users, phone);
                return await codes.SendAsync(phone, PhoneCodePurpose.PasswordReset, owner?.Id, owner is null ? "" : null, ct)
                    ? new Result(Outcome.CodeSent, phone)
                    : new Result(Outcome.Limited);
            }

            // The same answer whether or not the account exists, so that the page reveals no addresses.
            if (await users.FindByEmailAsync(command.Email!.Trim()) is not { Email: { } email } user)
            {
                return new Result(Outcome.LinkSent);
            }

            var link = links.PasswordReset(user.Id, ResetCode.Encode(await users.GeneratePasswordResetTokenAsync(user)));
            await mail.SendAsync(email, user.FirstNames, "Réinitialisation de votre mot de passe",
                $"Pour choisir un nouveau mot de passe, ouvrez ce lien (valable 24 heures) :\n{link}\n\n" +
                "Si vous n'avez rien demandé, ignorez ce message : votre mot de passe reste inchangé.", ct);
            return new Result(Outcome.LinkSent);
        }
    }
}
