using Microsoft.AspNetCore.Identity;

namespace EServices.Web.Features.Accounts;

/// <summary>Identity's messages in French, as the applicant reads them next to the field.</summary>
public sealed class FrenchIdentityErrorDescriber : IdentityErrorDescriber
{
    public override IdentityError DefaultError() => Error(nameof(DefaultError), "Une erreur est survenue. Réessayez.");
    public override IdentityError DuplicateEmail(string email) => Error(nameof(DuplicateEmail), "Un compte existe déjà avec cette adresse e-mail. Connectez-vous ou réinitialisez votre mot de passe.");
    public override IdentityError DuplicateUserName(string userName) => DuplicateEmail(userName);
    public override IdentityError InvalidEmail(string? email) => Error(nameof(InvalidEmail), "Saisissez une adresse e-mail valide (ex. nom@exemple.bf).");
    public override IdentityError InvalidUserName(string? userName) => InvalidEmail(userName);
    public override IdentityError InvalidToken() => Error(nameof(InvalidToken), "Ce lien n'est plus valable. Demandez un nouveau lien de réinitialisation.");
    public override IdentityError PasswordMismatch() => Error(nameof(PasswordMismatch), "Mot de passe incorrect.");
    public override IdentityError PasswordTooShort(int length) => Error(nameof(PasswordTooShort), $"Le mot de passe doit contenir au moins {length} caractères.");
    public override IdentityError PasswordRequiresDigit() => Error(nameof(PasswordRequiresDigit), "Le mot de passe doit contenir au moins un chiffre.");
    public override IdentityError PasswordRequiresLower() => Error(nameof(PasswordRequiresLower), "Le mot de passe doit contenir au moins une lettre minuscule.");
    public override IdentityError PasswordRequiresUpper() => Error(nameof(PasswordRequiresUpper), "Le mot de passe doit contenir au moins une lettre majuscule.");
    public override IdentityError PasswordRequiresNonAlphanumeric() => Error(nameof(PasswordRequiresNonAlphanumeric), "Le mot de passe doit contenir au moins un caractère spécial.");
    public override IdentityError PasswordRequiresUniqueChars(int uniqueChars) => Error(nameof(PasswordRequiresUniqueChars), $"Le mot de passe doit contenir au moins {uniqueChars} caractères différents.");
    public override IdentityError ConcurrencyFailure() => Error(nameof(ConcurrencyFailure), "Le compte a été modifié entre-temps. Réessayez.");

    private static IdentityError Error(string code, string description) => new() { Code = code, Description = description };
}
