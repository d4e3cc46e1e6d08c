namespace EServices.Web.Domain.Requests;

/// <summary>How the citizen confirmed a request filed for them at a counter.</summary>
public enum CounterConfirmation
{
    /// <summary>The code sent by SMS to their phone, read out to the clerk.</summary>
    SmsCode,

    /// <summary>The printed summary, signed by hand, scanned and attached to the request.</summary>
    SignedSummary,
}

/// <summary>
/// A request a clerk (« guichetier ») fills for a citizen who came in person. The request is the citizen's; this row
/// is what lets the clerk drive that one draft (never the citizen's other requests) and marks the filing as assisted.
/// </summary>
public sealed class CounterFiling
{
    /// <summary>The answer key of the signed summary's attachment: no form field can have it (keys start with a letter).</summary>
    public const string SignedSummaryKey = "_recapitulatif_signe";

    public const string SignedSummaryLabel = "Récapitulatif signé par le demandeur (dépôt au guichet)";

    public Guid RequestId { get; init; }
    public required string ClerkId { get; init; }

    /// <summary>The identity card the clerk saw.</summary>
    public required string Cnib { get; init; }
    public DateTimeOffset StartedAt { get; init; }

    public DateTimeOffset? ConfirmedAt { get; private set; }
    public CounterConfirmation? Confirmation { get; private set; }

    public void Confirm(CounterConfirmation how, DateTimeOffset at)
    {
        Confirmation = how;
        ConfirmedAt = at;
    }
}
