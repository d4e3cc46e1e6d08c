namespace EServices.Web.Payments;

/// <summary>Settings of the section "Payments": the provider's account and the portal's own rules.</summary>
public sealed class PaymentOptions
{
    public const string Section = "Payments";

    /// <summary>How long the reconciliation job keeps asking about a pending attempt.</summary>
    public TimeSpan CheckWindow { get; set; } = TimeSpan.FromHours(48);

    /// <summary>The first check after an attempt is opened; each next one waits twice as long, up to <see cref="LongestWait"/>.</summary>
    public TimeSpan FirstCheckAfter { get; set; } = TimeSpan.FromMinutes(2);

    public TimeSpan LongestWait { get; set; } = TimeSpan.FromHours(2);

    /// <summary>How often the reconciliation job looks for attempts due for a check, and how many it checks at once.</summary>
    public TimeSpan ReconcileEvery { get; set; } = TimeSpan.FromSeconds(30);

    public int ParallelChecks { get; set; } = 4;

    /// <summary>An unpaid draft (waiting for payment, nothing under way) is deleted after this many days; the applicant is told.</summary>
    public int UnpaidDraftDays { get; set; } = 7;

    public CinetPayOptions CinetPay { get; set; } = new();
}

/// <summary>The merchant account at CinetPay (docs.cinetpay.com, checkout API v2). The secret key signs notifications.</summary>
public sealed class CinetPayOptions
{
    /// <summary>https://api-checkout.cinetpay.com, or the local simulator's address.</summary>
    public string BaseUrl { get; set; } = "";

    public string ApiKey { get; set; } = "";
    public string SiteId { get; set; } = "";
    public string SecretKey { get; set; } = "";

    /// <summary>How long the portal waits for CinetPay at initialisation and at a check.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>"ALL", "MOBILE_MONEY"…: the means offered on CinetPay's page.</summary>
    public string Channels { get; set; } = "MOBILE_MONEY";
}
