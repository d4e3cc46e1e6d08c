namespace EServices.Web.Infrastructure.Sms;

/// <summary>The SMS gateway (Kannel's smsbox) and the secrets of its calls back to the portal. README, "SMS".</summary>
public sealed class SmsOptions
{
    public const string Section = "Sms";

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

    /// <summary>How often the outbox is polled.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(2);
}
