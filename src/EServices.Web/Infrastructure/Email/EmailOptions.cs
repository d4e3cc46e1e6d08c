namespace EServices.Web.Infrastructure.Email;

public sealed class EmailOptions
{
    public const string Section = "Email";

    public string SmtpHost { get; set; } = "localhost";
    public int SmtpPort { get; set; } = 25;
    public string? UserName { get; set; }
    public string? Password { get; set; }
    public bool UseStartTls { get; set; }
    public string From { get; set; } = "ne-pas-repondre@fonctionpublique.gov.bf";
    public string FromName { get; set; } = "E-services MFPTPS";

    /// <summary>How often the outbox is polled.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(5);
}
