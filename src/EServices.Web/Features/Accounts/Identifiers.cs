using Microsoft.AspNetCore.Identity;

namespace EServices.Web.Features.Accounts;

/// <summary>What a person types to name their account: an e-mail address, or a confirmed phone number in any form
/// FieldRules.TryPhone accepts (+226 70 12 34 56, 0022670123456, 70.12.34.56…).</summary>
public static class Identifiers
{
    public const string Label = "Adresse e-mail ou numéro de téléphone";

    public const string Invalid = "Saisissez une adresse e-mail, ou un numéro du Burkina Faso : +226 suivi de 8 chiffres (ex. +226 70 12 34 56).";

    /// <summary>True for an address (it has an @) or a number the portal accepts.</summary>
    public static bool IsValid(string? typed) => typed is not null && (typed.Contains('@', StringComparison.Ordinal) || FieldRules.TryPhone(typed, out _));

    /// <summary>The account <paramref name="typed"/> names, or null.</summary>
    public static async Task<ApplicationUser?> FindAsync(UserManager<ApplicationUser> users, string typed) =>
        FieldRules.TryPhone(typed, out var phone) ? await ByPhoneAsync(users, phone) : await users.FindByEmailAsync(typed.Trim());

    /// <summary>The account whose confirmed number is <paramref name="phone"/> (as TryPhone writes it): unconfirmed numbers name no one.</summary>
    public static Task<ApplicationUser?> ByPhoneAsync(UserManager<ApplicationUser> users, string phone) =>
        users.Users.FirstOrDefaultAsync(u => u.PhoneNumber == phone && u.PhoneNumberConfirmed);

    public const string InvalidPhone = "Saisissez un numéro du Burkina Faso : +226 suivi de 8 chiffres (ex. +226 70 12 34 56).";
}
