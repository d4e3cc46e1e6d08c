using FluentValidation;
using Microsoft.AspNetCore.Identity;

namespace EServices.Web.Features.Accounts;

/// <summary>A new password chosen through the link of "Mot de passe oublié" (or of an invitation to the back-office).</summary>
public static class PasswordReset
{
    public sealed record Command
    {
        public string? UserId { get; init; }
        public string? Code { get; init; }
        public string? Password { get; init; }
        public string? ConfirmPassword { get; init; }
    }

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(f => f.Password).NewPassword("Choisissez un nouveau mot de passe.");
            RuleFor(f => f.ConfirmPassword).SameAs(f => f.Password);
        }
    }

    /// <summary>So that a change the owner did not make does not go unnoticed: by e-mail, or by SMS to an account without one.</summary>
    public static Task TellChangedAsync(AccountMail mail, ApplicationUser user, CancellationToken ct) =>
        mail.TellAsync(user, "Votre mot de passe a été changé",
            $"Le mot de passe de votre compte des e-services a été changé le {mail.Now} (heure de Ouagadougou).\n\n" +
            "Si c'est vous, vous n'avez rien à faire.\n" +
            $"Si ce n'est pas vous, choisissez tout de suite un nouveau mot de passe avec ce lien, puis prévenez le support :\n{mail.ForgotPasswordLink}",
            $"E-services : le mot de passe de votre compte a été changé le {mail.Now}. Si ce n'est pas vous : {mail.ForgotPasswordLink}",
            anyoneCanCause: false, ct);

    public sealed class Handler(UserManager<ApplicationUser> users, AccountMail mail)
    {
        /// <summary>Identity's objections to the link or the password, by field; none when the password is changed.</summary>
        public async Task<IEnumerable<KeyValuePair<string, string>>> HandleAsync(Command command, CancellationToken ct)
        {
            var user = command.UserId is null ? null : await users.FindByIdAsync(command.UserId);
            var token = ResetCode.Decode(command.Code);
            // An invited agent has no password yet: choosing the first one is not a change to warn about.
            var hadPassword = user?.PasswordHash is not null;
            var result = user is null || token is null
                ? IdentityResult.Failed(new FrenchIdentityErrorDescriber().InvalidToken())
                : await users.ResetPasswordAsync(user, token, command.Password!);
            if (!result.Succeeded)
            {
                return result.Errors.Select(e => KeyValuePair.Create(nameof(Command.Password), e.Description));
            }

            if (hadPassword)
            {
                await TellChangedAsync(mail, user!, ct);
            }

            return [];
        }
    }
}
