using FluentValidation;
using Microsoft.AspNetCore.Identity;

namespace EServices.Web.Features.Accounts;

/// <summary>"Se connecter" with an address or a confirmed phone number, and a password; staff go on to their second factor.</summary>
public static class PasswordSignIn
{
    public sealed record Command
    {
        /// <summary>The address or the phone number (the field keeps its name: pages, tests and password managers know it).</summary>
        public string? Email { get; init; }
        public string? Password { get; init; }
        public string? ReturnUrl { get; init; }
    }

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(f => f.Email).Cascade(CascadeMode.Stop).NotEmpty().WithMessage("Saisissez votre adresse e-mail ou votre numéro de téléphone.")
                .Must(Identifiers.IsValid).WithMessage(Identifiers.Invalid);
            RuleFor(f => f.Password).NotEmpty().WithMessage("Saisissez votre mot de passe.");
        }
    }

    public enum Outcome
    {
        SignedIn,
        RequiresTwoFactor,

        /// <summary>Signed in, but a member of staff without a second factor must enrol one first.</summary>
        MustEnrol,

        /// <summary>The one answer whether the address has no account, the password is wrong or the account is locked.</summary>
        Refused,

        /// <summary>Said only to the right password, so that deactivated addresses cannot be found.</summary>
        Deactivated,
    }

    public sealed class Handler(
        UserManager<ApplicationUser> users,
        SignInManager<ApplicationUser> signIn,
        IPasswordHasher<ApplicationUser> hasher,
        SignInJournal journal,
        AccountMail mail)
    {
        public async Task<Outcome> HandleAsync(Command command, CancellationToken ct)
        {
            var user = await Identifiers.FindAsync(users, command.Email!);
            if (user is null)
            {
                // The same work as for an account: answering without a password check told which addresses have one (~4 ms against ~100 ms).
                AbsentAccount.VerifyPassword(hasher, command.Password!);
            }

            var wasLockedOut = user is not null && await users.IsLockedOutAsync(user);
            var result = user is null
                ? Microsoft.AspNetCore.Identity.SignInResult.Failed
                : await signIn.PasswordSignInAsync(user, command.Password!, isPersistent: false, lockoutOnFailure: true);
            if (result.RequiresTwoFactor)
            {
                return Outcome.RequiresTwoFactor;
            }

            if (result.Succeeded)
            {
                // Staff must enrol a second factor before the back-office opens to them.
                return user!.TwoFactorEnabled is false && (await users.GetRolesAsync(user)).Count > 0 ? Outcome.MustEnrol : Outcome.SignedIn;
            }

            if (user is not null)
            {
                await journal.PasswordRefusedAsync(user, result, ct);
            }

            if (result.IsLockedOut && !wasLockedOut)
            {
                // The page says the same for every failure (a lockout would tell that the address has an account): the owner
                // learns of the lockout by e-mail (by SMS without an address).
                await mail.TellAsync(user!, "Votre compte est bloqué pendant 15 minutes",
                    $"Le {mail.Now} (heure de Ouagadougou), 5 mots de passe erronés ont été saisis pour votre compte des " +
                    "e-services : il est bloqué pendant 15 minutes, même avec le bon mot de passe.\n\n" +
                    $"Si ce n'est pas vous, ou si vous avez oublié votre mot de passe, choisissez-en un nouveau avec ce lien :\n{mail.ForgotPasswordLink}",
                    $"E-services : 5 mots de passe erronés, votre compte est bloqué 15 minutes. Mot de passe oublié : {mail.ForgotPasswordLink}",
                    anyoneCanCause: true, ct);
            }

            // Identity refuses a deactivated account before checking its password.
            return result.IsNotAllowed && await users.CheckPasswordAsync(user!, command.Password!) ? Outcome.Deactivated : Outcome.Refused;
        }
    }
}
