using FluentValidation;

namespace EServices.Web.Infrastructure;

/// <summary>A person's names, wherever they are typed (sign-up, staff accounts, a counter): required, bounded, and
/// without control or direction-override characters, which would make a name read otherwise on a page, a receipt or an
/// SMS than it is stored.</summary>
public static class NameRules
{
    public static IRuleBuilderOptions<T, string?> PersonName<T>(this IRuleBuilder<T, string?> rule, string missing, int maxLength, string unsafeCharacters) =>
        rule.NotEmpty().WithMessage(missing)
            .MaximumLength(maxLength).WithMessage($"{maxLength} caractères au plus.")
            .Must(v => !FieldRules.HasControlCharacters(v ?? "", allowNewLines: false)).WithMessage(unsafeCharacters);
}
