namespace EServices.Web.Domain.Messaging;

/// <summary>An SMS an applicant sent to the portal's number (SUIVI FP-2027-000123), as the gateway passed it on, with
/// what the portal made of it. Kept for the record and to limit how many a sender may send.</summary>
public sealed class IncomingSms
{
    public long Id { get; set; }

    /// <summary>The sender, normalised to E.164 (+22670123456) when it is a Burkinabè number, else as received.</summary>
    public required string From { get; set; }

    public required string Text { get; set; }

    /// <summary>The gateway's id for the message (Kannel's %I): a callback the gateway repeats is answered once.</summary>
    public string? GatewayId { get; set; }

    public DateTimeOffset ReceivedAt { get; set; }

    /// <summary>What the portal answered: status, neutral, help, or nothing (over the sender's limit).</summary>
    public string? Outcome { get; set; }
}
