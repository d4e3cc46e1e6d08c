namespace EServices.Web.Payments;

/// <summary>
/// A payment provider as the portal uses one: open a checkout for an attempt, and ask what became of it. CinetPay is
/// the first (<c>CinetPay/</c>); the Treasury's platform (Faso Arzeka) or an operator's direct API would be others.
/// The portal believes only <see cref="CheckAsync"/>: never the browser's return, never a notification's body.
/// </summary>
public interface IPaymentProvider
{
    /// <summary>The name stored on each attempt ("cinetpay").</summary>
    string Name { get; }

    /// <summary>Opens the provider's checkout for one attempt. Never throws for the provider's faults: a refusal, an
    /// error or no answer in time is a <see cref="Checkout"/> without a page.</summary>
    Task<Checkout> OpenAsync(CheckoutOrder order, CancellationToken ct);

    /// <summary>What the provider says of a transaction now. Never throws for the provider's faults: no answer is
    /// <see cref="CheckVerdict.Unreachable"/>.</summary>
    Task<PaymentCheck> CheckAsync(string transactionId, CancellationToken ct);
}

/// <summary>One attempt as the provider is told of it. The amount is the request's fee, read from the database.</summary>
public sealed record CheckoutOrder(
    string TransactionId,
    int Amount,
    string Currency,
    string Description,
    Uri NotifyUrl,
    Uri ReturnUrl,
    string? PayerPhone);

/// <summary>The provider's page to send the payer to, or why there is none ("injoignable", "608 MINIMUM_REQUIRED_FIELDS").</summary>
public sealed record Checkout(string? PaymentUrl, string? Token, string? Failure)
{
    public static Checkout Opened(string paymentUrl, string? token) => new(paymentUrl, token, null);

    public static Checkout Refused(string failure) => new(null, null, failure);
}

public enum CheckVerdict
{
    /// <summary>The money was taken (amount and currency as the provider says them, to be compared).</summary>
    Paid,

    /// <summary>Not finished yet (waiting for the customer, for the operator…): ask again later.</summary>
    Pending,

    /// <summary>Refused, cancelled, failed: final, no money taken.</summary>
    Refused,

    /// <summary>No usable answer (down, slow, malformed): ask again later.</summary>
    Unreachable,
}

/// <summary>The provider's answer to a check. <see cref="Answer"/> is its code and message in a few words, kept on the
/// attempt for the operators.</summary>
public sealed record PaymentCheck(
    CheckVerdict Verdict,
    string Answer,
    int? Amount = null,
    string? Currency = null,
    string? Method = null,
    string? Reference = null,
    string? PayerPhone = null,
    DateTimeOffset? PaidAt = null);
