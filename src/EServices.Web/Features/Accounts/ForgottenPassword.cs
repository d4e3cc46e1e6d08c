using FluentValidation;
using Microsoft.AspNetCore.Identity;

namespace EServices.Web.Features.Accounts;

/// <summary>"Mot de passe oublié": a reset link to the address of the account, the same answer when there is none.</summary>
public static class ForgottenPassword
{
    public sealed record Command
    {
        public string? Email { get; init; }
    }

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator() =>
            RuleFor(f => f.Email).NotEmpty().WithMessage("Saisissez l'adresse e-mail de votre compte.");
    }

    public sealed class Handler(UserManager<ApplicationUser> users, AccountMail mail, PublicLinks links)
    {
        public async Task HandleAsync(Command command, CancellationToken ct)
        {
            // The same answer whether or not the account exists, so that the page reveals no addresses.
            if (await users.FindByEmailAsync(command.Email!.Trim()) is not { } user)
            {
                return;
            }

            var link = links.PasswordReset(user.Id, ResetCode.Encode(await users.GeneratePasswordResetTokenAsync(user)));
            await mail.SendAsync(user.Email!, user.FirstNames, "Réinitialisation de votre mot de passe",
                $"Pour choisir un nouveau mot de passe, ouvrez ce lien (valable 24 heures) :\n{link}\n\n" +
                "Si vous n'avez rien demandé, ignorez ce message : votre mot de passe reste inchangé.", ct);
        }
    }
}
