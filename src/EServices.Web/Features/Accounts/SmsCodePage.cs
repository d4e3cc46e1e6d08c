namespace EServices.Web.Features.Accounts;

/// <summary>"Saisissez le code reçu par SMS": the page of the three codes (sign-up, forgotten password, new number).
/// <paramref name="Hidden"/> is what the page must post back with the code (the sign-up ticket, the number).</summary>
public sealed record SmsCodePage(string Phone, string Action, string ResendAction, string? HiddenName = null, string? Hidden = null)
{
    public const string CodeMissing = "Saisissez le code à 6 chiffres reçu par SMS (ex. 123 456).";

    /// <summary>True on the forgotten password's page: the new password is chosen with the code.</summary>
    public bool NewPassword { get; init; }

    /// <summary>The name under which "Renvoyer le code" posts <see cref="Hidden"/> (the forgotten password's form calls the number Email).</summary>
    public string? ResendName { get; init; } = HiddenName;

    public static SmsCodePage SignUp(string phone, string? ticket) =>
        new(phone, "/compte/inscription/code", "/compte/inscription/renvoyer", "Jeton", ticket);

    public static SmsCodePage PasswordReset(string phone) =>
        new(phone, "/compte/mot-de-passe-oublie/code", "/compte/mot-de-passe-oublie", "Phone", phone) { NewPassword = true, ResendName = "Email" };

    public static SmsCodePage PhoneChange(string phone) =>
        new(phone, "/compte/coordonnees/code", "/compte/coordonnees/renvoyer");
}
