using FluentValidation;

namespace EServices.Web.Features.Accounts;

/// <summary>The rules of a password being chosen, the same at sign-up and at reset.</summary>
public static class PasswordRules
{
    public static IRuleBuilderOptions<T, string?> NewPassword<T>(this IRuleBuilder<T, string?> rule, string whenEmpty) =>
        rule.NotEmpty().WithMessage(whenEmpty)
            .MinimumLength(12).WithMessage("Le mot de passe doit contenir au moins 12 caractères.")
            .MaximumLength(128).WithMessage("Le mot de passe doit contenir au plus 128 caractères.");

    public static IRuleBuilderOptions<T, string?> SameAs<T>(this IRuleBuilder<T, string?> rule, System.Linq.Expressions.Expression<Func<T, string?>> password) =>
        rule.Equal(password).WithMessage("Les deux mots de passe ne sont pas identiques.");
}
