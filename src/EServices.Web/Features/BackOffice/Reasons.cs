using System.Linq.Expressions;
using FluentValidation;

namespace EServices.Web.Features.BackOffice;

/// <summary>The rule of a text the applicant reads (a reason, a message): written, 2 000 characters at most, nothing that
/// would make it read otherwise than it is stored.</summary>
public static class Reasons
{
    public const int MaxLength = 2000;

    public static IRuleBuilderOptions<T, string?> Written<T>(this IRuleBuilderInitial<T, string?> rule, string field, string missing,
        string tooLong = "Le motif doit contenir au plus 2 000 caractères.") =>
        rule.Cascade(CascadeMode.Stop)
            .Must(text => !string.IsNullOrWhiteSpace(text)).WithMessage(missing)
            .Must(text => text!.Length <= MaxLength).WithMessage(tooLong)
            // Browsers end a textarea's lines with CR LF: only the other control and direction characters are refused.
            .Must(text => !FieldRules.HasControlCharacters(text!.Replace("\r\n", "\n", StringComparison.Ordinal), allowNewLines: true))
            .WithMessage("Le texte contient des caractères non autorisés.")
            .OverridePropertyName(field);
}

/// <summary>A command whose one rule is its reason, shown under <c>field</c>.</summary>
public abstract class ReasonValidator<T> : AbstractValidator<T>
{
    protected ReasonValidator(Expression<Func<T, string?>> reason, string field, string missing) => RuleFor(reason).Written(field, missing);
}
