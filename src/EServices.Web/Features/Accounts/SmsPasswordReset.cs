using EServices.Web.Infrastructure.Sms;
using FluentValidation;
using Microsoft.AspNetCore.Identity;

namespace EServices.Web.Features.Accounts;

/// <summary>A new password chosen with the code "Mot de passe oublié" sent by SMS: the code and the password on one page.</summary>
public static class SmsPasswordReset
{
    public sealed record Command
    {
        /// <summary>The number the code was sent to, as the portal writes it (a hidden field of the page).</summary>
        public string? Phone { get; init; }
        public string? Code { get; init; }
        public string? Password { get; init; }
        public string? ConfirmPassword { get; init; }
    }

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(f => f.Code).Must(PhoneCodes.LooksLikeCode).WithMessage(SmsCodePage.CodeMissing);
            RuleFor(f => f.Password).NewPassword("Choisissez un nouveau mot de passe.");
            RuleFor(f => f.ConfirmPassword).SameAs(f => f.Password);
        }
    }

    public sealed class Handler(UserManager<ApplicationUser> users, PhoneCodes codes, AccountMail mail)
    {
        private static readonly ApplicationUser Nobody = new() { FirstNames = "", LastName = "" };

        /// <summary>Objections by field; none when the password is changed (and every session of the account signed out).</summary>
        public async Task<IEnumerable<KeyValuePair<string, string>>> HandleAsync(Command command, CancellationToken ct)
        {
            if (!FieldRules.TryPhone(command.Phone ?? "", out var phone))
            {
                return [KeyValuePair.Create(nameof(Command.Code), PhoneCodes.SpentCode)];
            }

            var user = await Identifiers.ByPhoneAsync(users, phone);
            // The password's objections first, and whether or not the number has an account (the rules then judge a
            // placeholder): otherwise the page told which numbers have one. A refused password does not cost the code.
            var objections = new List<IdentityError>();
            foreach (var check in users.PasswordValidators)
            {
                objections.AddRange((await check.ValidateAsync(users, user ?? Nobody, command.Password!)).Errors);
            }

            if (objections.Count > 0)
            {
                return objections.Select(e => KeyValuePair.Create(nameof(Command.Password), e.Description));
            }

            var (outcome, code) = await codes.CheckAsync(PhoneCodePurpose.PasswordReset, phone, null, command.Code!, ct);
            if (outcome != PhoneCodes.Outcome.Accepted || user is null || code!.UserId != user.Id)
            {
                return [KeyValuePair.Create(nameof(Command.Code), outcome == PhoneCodes.Outcome.Spent ? PhoneCodes.SpentCode : PhoneCodes.WrongCode)];
            }

            // As the link does: Identity's reset changes the security stamp, so every session of the account ends.
            var result = await users.ResetPasswordAsync(user, await users.GeneratePasswordResetTokenAsync(user), command.Password!);
            if (!result.Succeeded)
            {
                return result.Errors.Select(e => KeyValuePair.Create(nameof(Command.Password), e.Description));
            }

            await PasswordReset.TellChangedAsync(mail, user, ct);
            return [];
        }
    }
}
