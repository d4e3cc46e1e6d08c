namespace EServices.Web.Infrastructure.Sms;

/// <summary>The SMS gateway (Kannel's smsbox) and the secrets of its calls back to the portal. README, "SMS".</summary>
public sealed class SmsOptions
{
    public const string Section = "Sms";

    public const string SecretsRequired =
        "Sms:CallbackSecret and Sms:Password (env Sms__CallbackSecret, Sms__Password) must be set, 16 characters or more and " +
        "not an example value such as change-me, when Sms:SendSmsUrl is set: whoever knows them can fake incoming SMS and " +
        "delivery reports. / Sms:CallbackSecret et Sms:Password doivent être définis (16 caractères au moins, pas une " +
        "valeur d'exemple comme change-me) quand Sms:SendSmsUrl l'est. Générez-les avec : openssl rand -hex 24";

    private static readonly string[] Examples = ["change-me", "changeme", "change_me", "password", "motdepasse", "mot-de-passe", "example", "exemple"];

    /// <summary>smsbox's sendsms address, e.g. http://127.0.0.1:13013/cgi-bin/sendsms; empty: no SMS leaves (they wait in the outbox).</summary>
    public string? SendSmsUrl { get; set; }

    /// <summary>The sendsms-user of kannel.conf.</summary>
    public string? UserName { get; set; }

    public string? Password { get; set; }

    /// <summary>The portal's number or short code, shown as the sender (and where applicants text SUIVI).</summary>
    public string From { get; set; } = "22600";

    /// <summary>The portal's address as Kannel reaches it, for delivery reports (often internal: http://web:8080).</summary>
    public string? CallbackUrl { get; set; }

    /// <summary>Signs the delivery-report addresses and authenticates Kannel's incoming calls (the sms-service's user:password).</summary>
    public string? CallbackSecret { get; set; }

    /// <summary>How long a sendsms call may take; past it the SMS counts as maybe sent (docs/sms.md).</summary>
    public TimeSpan SendTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How often the outbox is polled.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>No gateway, or secrets that an attacker cannot guess from the repository or its documentation.</summary>
    public bool HasSafeSecrets() => string.IsNullOrWhiteSpace(SendSmsUrl) || (IsSecret(CallbackSecret) && IsSecret(Password));

    private static bool IsSecret(string? value) =>
        value is { Length: >= 16 } && !Examples.Any(e => value.Contains(e, StringComparison.OrdinalIgnoreCase));
}
