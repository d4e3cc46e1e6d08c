using EServices.Web.Infrastructure.Sms;
using FluentValidation;
using Microsoft.AspNetCore.Identity;

namespace EServices.Web.Features.Accounts;

/// <summary>"Mes coordonnées": an applicant changes their number (confirmed by a code sent to the new one, the old one
/// told) and chooses how to be told of their requests among the channels their account has.</summary>
public static class ContactDetails
{
    public sealed record Page(ApplicationUser User, IReadOnlyList<NoticeChannels> Offered)
    {
        public string? NewPhone { get; init; }
        public NoticeChannels Notices { get; init; } = User.Notices;
    }

    /// <summary>The channels the account has (an address, a confirmed number), and both when it has the two.</summary>
    public static IReadOnlyList<NoticeChannels> Offered(ApplicationUser user) =>
        (user.Email is not null && user.EmailConfirmed, user.PhoneNumberConfirmed) switch
        {
            (true, true) => [NoticeChannels.Sms, NoticeChannels.Email, NoticeChannels.Both],
            (false, true) => [NoticeChannels.Sms],
            _ => [NoticeChannels.Email],
        };

    public static string Label(NoticeChannels channel) => channel switch
    {
        NoticeChannels.Sms => "Par SMS",
        NoticeChannels.Email => "Par e-mail",
        _ => "Par SMS et par e-mail",
    };

    public sealed record PhoneCommand
    {
        public string? NewPhone { get; init; }
        public string? Password { get; init; }
    }

    public sealed class PhoneValidator : AbstractValidator<PhoneCommand>
    {
        public PhoneValidator()
        {
            RuleFor(f => f.NewPhone).Cascade(CascadeMode.Stop).NotEmpty().WithMessage("Saisissez votre nouveau numéro de téléphone.")
                .Must(p => FieldRules.TryPhone(p!, out _)).WithMessage(Identifiers.InvalidPhone);
            RuleFor(f => f.Password).NotEmpty().WithMessage("Saisissez votre mot de passe actuel.");
        }
    }

    public sealed record CodeCommand
    {
        public string? Code { get; init; }
    }

    public sealed class CodeValidator : AbstractValidator<CodeCommand>
    {
        public CodeValidator() => RuleFor(f => f.Code).Must(PhoneCodes.LooksLikeCode).WithMessage(SmsCodePage.CodeMissing);
    }

    public sealed class PhoneChangeHandler(UserManager<ApplicationUser> users, SignInManager<ApplicationUser> signIn, PhoneCodes codes, AccountMail mail, AppDbContext db)
    {
        /// <summary>Sends the code to the new number; objections by field, or null when a limit is reached.</summary>
        public async Task<IReadOnlyList<KeyValuePair<string, string>>?> RequestAsync(ApplicationUser user, PhoneCommand command, CancellationToken ct)
        {
            FieldRules.TryPhone(command.NewPhone!, out var phone);
            // Counted like a sign-in: a session left open must not become a way to try passwords.
            var check = await signIn.CheckPasswordSignInAsync(user, command.Password!, lockoutOnFailure: true);
            if (!check.Succeeded)
            {
                return [KeyValuePair.Create(nameof(PhoneCommand.Password), check.IsLockedOut
                    ? "Trop de mots de passe erronés : votre compte est bloqué 15 minutes."
                    : "Ce n'est pas votre mot de passe actuel.")];
            }

            if (user.PhoneNumberConfirmed && user.PhoneNumber == phone)
            {
                return [KeyValuePair.Create(nameof(PhoneCommand.NewPhone), "C'est déjà le numéro de votre compte.")];
            }

            return await SendAsync(user, phone, ct) ? [] : null;
        }

        /// <summary>"Renvoyer le code": a new code to the number last asked for; null when a limit is reached or none was asked.</summary>
        public async Task<string?> ResendAsync(ApplicationUser user, CancellationToken ct) =>
            await PendingAsync(user, ct) is { } phone && await SendAsync(user, phone, ct) ? phone : null;

        /// <summary>The number the account last asked to change to.</summary>
        public Task<string?> PendingAsync(ApplicationUser user, CancellationToken ct) =>
            db.PhoneCodes.Where(c => c.Purpose == PhoneCodePurpose.PhoneChange && c.UserId == user.Id)
                .OrderByDescending(c => c.CreatedAt).Select(c => c.Phone).FirstOrDefaultAsync(ct);

        /// <summary>As at sign-up, a number that is another account's gets a warning instead of the code, and the page the same answer.</summary>
        private async Task<bool> SendAsync(ApplicationUser user, string phone, CancellationToken ct) =>
            await codes.SendAsync(phone, PhoneCodePurpose.PhoneChange, user.Id, await Identifiers.ByPhoneAsync(users, phone) is null ? null
                : $"E-services : le {mail.Now}, quelqu'un a tenté d'enregistrer votre numéro sur un autre compte. Votre compte n'a pas changé.", ct);

        /// <summary>The objection to the code, or null when the number is changed.</summary>
        public async Task<string?> ConfirmAsync(ApplicationUser user, string typed, CancellationToken ct)
        {
            var (outcome, code) = await codes.CheckAsync(PhoneCodePurpose.PhoneChange, null, user.Id, typed, ct);
            if (outcome != PhoneCodes.Outcome.Accepted)
            {
                return outcome == PhoneCodes.Outcome.Spent ? PhoneCodes.SpentCode : PhoneCodes.WrongCode;
            }

            var old = user.PhoneNumberConfirmed ? user.PhoneNumber : null;
            if (old is not null && user.UserName == FieldRules.E164(old))
            {
                user.UserName = FieldRules.E164(code!.Phone);
            }

            user.PhoneNumber = code!.Phone;
            user.PhoneNumberConfirmed = true;
            if (old is null && user.Notices == NoticeChannels.Email && user.EmailConfirmed)
            {
                // "The default is what they have". The channels are only offered once a number is confirmed, so before its
                // first number an account's e-mail only is the default, never a choice: SMS joins it (the page says so).
                user.Notices = NoticeChannels.Both;
            }

            IdentityResult result;
            try
            {
                result = await users.UpdateAsync(user);
            }
            catch (DbUpdateException)
            {
                result = IdentityResult.Failed(); // confirmed by another account meanwhile (the unique index)
            }

            if (!result.Succeeded)
            {
                return "Ce numéro ne peut pas être enregistré sur votre compte.";
            }

            if (old is not null)
            {
                // The old number hears of it: a change its owner did not make does not go unnoticed.
                await mail.TextAsync(old, $"E-services : le {mail.Now}, le numéro de votre compte a été remplacé par le {code.Phone[..^5]}** **. " +
                    $"Si ce n'est pas vous : {mail.ForgotPasswordLink}", ct);
            }

            return null;
        }
    }

    public sealed record NoticesCommand
    {
        public string? Notices { get; init; }
    }

    public sealed class NoticesHandler(UserManager<ApplicationUser> users)
    {
        /// <summary>False when the choice is not one the account is offered.</summary>
        public async Task<bool> HandleAsync(ApplicationUser user, NoticesCommand command)
        {
            // Only a name offered, as written: Enum.TryParse would also take "3" or "Sms, Email".
            if (Offered(user).Where(c => c.ToString() == command.Notices).ToList() is not [var chosen])
            {
                return false;
            }

            user.Notices = chosen;
            return (await users.UpdateAsync(user)).Succeeded;
        }
    }
}
