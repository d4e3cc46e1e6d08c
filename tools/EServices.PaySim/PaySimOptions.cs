namespace EServices.PaySim;

/// <summary>The merchant account the simulator accepts (section "PaySim"), as CinetPay's back-office would show it. The
/// defaults are the development keys of the portal's appsettings.Development.json (and scripts/lib/paysim.sh).</summary>
public sealed class PaySimOptions
{
    public const string Section = "PaySim";

    public string ApiKey { get; set; } = "paysim-dev-apikey";
    public string SiteId { get; set; } = "105900";

    /// <summary>Signs the notifications' x-token (HMAC-SHA256), as CinetPay's "Secret Key".</summary>
    public string SecretKey { get; set; } = "paysim-dev-secret-key-not-for-production";

    /// <summary>The loopback port it listens on; 0 takes a free one (tests).</summary>
    public int Port { get; set; } = 5082;

    /// <summary>A JSON file the transactions are kept in, so that they survive a restart of the simulator; none: memory only.</summary>
    public string? StateFile { get; set; }

    /// <summary>How long a « réponse lente » stays waiting for the customer before it is accepted.</summary>
    public TimeSpan SlowDelay { get; set; } = TimeSpan.FromSeconds(20);
}
