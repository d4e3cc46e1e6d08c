using EServices.Web.Infrastructure.Sms;
using FluentValidation;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;

namespace EServices.Web.Features.Accounts;

/// <summary>The code of a sign-up by phone: creates the account its ticket describes, number confirmed, notices by SMS,
/// and signs its owner in.</summary>
public static class PhoneActivation
{
    public sealed record Command
    {
        /// <summary>The sign-up ticket (SignUpTicket, protected for the phone), a hidden field of the code's page.</summary>
        public string? Jeton { get; init; }
        public string? Code { get; init; }
    }

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator() => RuleFor(f => f.Code).Must(PhoneCodes.LooksLikeCode).WithMessage(SmsCodePage.CodeMissing);
    }

    public const string Expired = "Cette inscription a expiré : recommencez-la pour recevoir un nouveau code.";

    /// <summary>The created account's ticket (for where to go next), or the objection to show beside the code.</summary>
    public sealed record Result(SignUpTicket? Created, string? Objection);

    public sealed class Handler(
        UserManager<ApplicationUser> users,
        SignInManager<ApplicationUser> signIn,
        IDataProtectionProvider protection,
        PhoneCodes codes,
        TimeProvider clock)
    {
        /// <summary>The sign-up the ticket carries, or null when it was altered or has expired.</summary>
        public SignUpTicket? Read(string? token) => SignUpTicket.Read(protection, token, clock.GetUtcNow(), byPhone: true);

        public async Task<Result> HandleAsync(Command command, CancellationToken ct)
        {
            if (Read(command.Jeton) is not { PhoneNumber: { } phone } ticket)
            {
                return new Result(null, Expired);
            }

            var (outcome, _) = await codes.CheckAsync(PhoneCodePurpose.SignUp, phone, null, command.Code!, ct);
            if (outcome != PhoneCodes.Outcome.Accepted)
            {
                return new Result(null, outcome == PhoneCodes.Outcome.Spent ? PhoneCodes.SpentCode : PhoneCodes.WrongCode);
            }

            var user = new ApplicationUser
            {
                UserName = FieldRules.E164(phone),
                FirstNames = ticket.FirstNames,
                LastName = ticket.LastName,
                PhoneNumber = phone,
                PhoneNumberConfirmed = true, // the code came to this number
                Notices = NoticeChannels.Sms,
                PasswordHash = ticket.PasswordHash,
                CreatedAt = clock.GetUtcNow(),
            };
            var result = await Activation.CreateOnceAsync(users, user);
            if (!result.Succeeded)
            {
                // Whoever typed the code owns the number: telling them it has an account tells them nothing new.
                return new Result(null, "Un compte existe déjà avec ce numéro : connectez-vous avec votre mot de passe, ou choisissez-en un nouveau (« Mot de passe oublié »).");
            }

            await signIn.SignInAsync(user, isPersistent: false);
            return new Result(ticket, null);
        }
    }
}
