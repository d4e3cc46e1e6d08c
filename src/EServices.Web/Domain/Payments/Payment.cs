namespace EServices.Web.Domain.Payments;

/// <summary>Where an attempt stands, as the provider's check last said (never as a browser or a notification said).</summary>
public enum PaymentStatus
{
    /// <summary>Started, not yet known: re-checked with back-off until <see cref="Payment.CheckUntil"/>.</summary>
    Pending,

    /// <summary>The provider took the money (or a cashier recorded a Treasury receipt).</summary>
    Paid,

    /// <summary>Refused, cancelled or abandoned at the provider: no money taken.</summary>
    Failed,

    /// <summary>Still unknown after the whole check window: nothing taken as far as the portal knows.</summary>
    Expired,
}

/// <summary>Money received that must not count for a request: someone must give it back.</summary>
public enum PaymentFlag
{
    None,

    /// <summary>Paid for a request already paid, withdrawn or expired: one payment counts, this one is refunded.</summary>
    RefundDue,

    /// <summary>The provider confirmed another amount or currency than the portal asked for: never accepted.</summary>
    WrongAmount,
}

/// <summary>
/// One attempt to pay a request's fee: one transaction id at the provider, or one Treasury receipt recorded at a counter.
/// The row is written before the provider is called, so that whatever fails afterwards, the reconciliation job finds it.
/// It keeps the service, procedure and applicant of the request, so that it still reads in reports once an unpaid draft
/// is deleted.
/// </summary>
public sealed class Payment
{
    /// <summary>The provider name of a payment recorded by a cashier from a Treasury receipt.</summary>
    public const string Counter = "guichet";

    public const string Currency = "XOF";

    public Guid Id { get; private set; }

    /// <summary>Ours, sent to the provider: letters and digits, at most 25 characters, never reused.</summary>
    public string TransactionId { get; private set; } = null!;

    /// <summary>"cinetpay", or <see cref="Counter"/>.</summary>
    public string Provider { get; private set; } = null!;

    public Guid? RequestId { get; private set; }
    public int ServiceId { get; private set; }
    public int ProcedureId { get; private set; }
    public string? ApplicantId { get; private set; }

    /// <summary>What the portal asked for, from the request's fee: never from a form.</summary>
    public int Amount { get; private set; }

    public PaymentStatus Status { get; private set; }
    public PaymentFlag Flag { get; private set; }

    /// <summary>Where the provider sends the payer, and its own token for the attempt.</summary>
    public string? PaymentUrl { get; private set; }

    public string? ProviderToken { get; private set; }

    /// <summary>What the provider confirmed: amount and currency as it said them, means ("OM", "MOMO"), its reference
    /// (the operator's transaction id, or the Treasury receipt number), the payer's number.</summary>
    public int? PaidAmount { get; private set; }

    public string? PaidCurrency { get; private set; }
    public string? Method { get; private set; }
    public string? Reference { get; private set; }
    public string? PayerPhone { get; private set; }
    public DateTimeOffset? PaidAt { get; private set; }

    /// <summary>The provider's last answer, in a few words ("627 TRANSACTION_CANCEL", "injoignable").</summary>
    public string? LastAnswer { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }
    public DateTimeOffset UpdatedAt { get; private set; }

    /// <summary>The next time the reconciliation job asks the provider (null once the attempt is settled).</summary>
    public DateTimeOffset? NextCheckAt { get; private set; }

    /// <summary>How many checks were made, which sets the back-off.</summary>
    public int Checks { get; private set; }

    /// <summary>The end of the check window (48 hours by default): past it, a pending attempt expires.</summary>
    public DateTimeOffset CheckUntil { get; private set; }

    /// <summary>The cashier who recorded a Treasury receipt.</summary>
    public string? RecordedById { get; private set; }

    /// <summary>When and by whom money flagged <see cref="PaymentFlag.RefundDue"/> or <see cref="PaymentFlag.WrongAmount"/>
    /// was given back, with the refund's reference.</summary>
    public DateTimeOffset? RefundedAt { get; private set; }

    public string? RefundedById { get; private set; }
    public string? RefundNote { get; private set; }

    public uint Version { get; private set; }

    public bool IsSettled => Status is PaymentStatus.Paid or PaymentStatus.Failed or PaymentStatus.Expired;

    /// <summary>Someone may be paying it right now: pending, and the provider gave a page to pay on.</summary>
    public bool IsUnderWay => Status == PaymentStatus.Pending && PaymentUrl is not null;

    /// <summary>The means as the applicant knows it, from the provider's method code.</summary>
    public static string MeansLabel(string? method) => method?.ToUpperInvariant() switch
    {
        "OM" or "ORANGE" or "OMBF" => "Orange Money",
        "MOMO" or "MOOV" or "FLOOZ" or "MOOVBF" => "Moov Money",
        "TRESOR" => "quittance du Trésor (paiement au guichet)",
        null or "" => "mobile money",
        _ => method,
    };

    /// <summary>An attempt at a provider, before the provider is called.</summary>
    public static Payment Start(Request request, int serviceId, string provider, string transactionId, int amount, DateTimeOffset now, TimeSpan checkWindow, DateTimeOffset firstCheck) => new()
    {
        Id = Guid.NewGuid(),
        TransactionId = transactionId,
        Provider = provider,
        RequestId = request.Id,
        ServiceId = serviceId,
        ProcedureId = request.ProcedureId,
        ApplicantId = request.ApplicantId,
        Amount = amount,
        Status = PaymentStatus.Pending,
        CreatedAt = now,
        UpdatedAt = now,
        NextCheckAt = firstCheck,
        CheckUntil = now + checkWindow,
    };

    /// <summary>A Treasury receipt recorded by a cashier: paid at once, for the amount the receipt says.</summary>
    public static Payment AtCounter(Request request, int serviceId, string transactionId, string receiptNumber, int amountOnReceipt, string cashierId, DateTimeOffset now) => new()
    {
        Id = Guid.NewGuid(),
        TransactionId = transactionId,
        Provider = Counter,
        RequestId = request.Id,
        ServiceId = serviceId,
        ProcedureId = request.ProcedureId,
        ApplicantId = request.ApplicantId,
        Amount = request.FeeDue ?? 0,
        Status = PaymentStatus.Paid,
        PaidAmount = amountOnReceipt,
        PaidCurrency = Currency,
        Method = "TRESOR",
        Reference = receiptNumber,
        PaidAt = now,
        RecordedById = cashierId,
        CreatedAt = now,
        UpdatedAt = now,
        CheckUntil = now,
        LastAnswer = "Quittance du Trésor enregistrée au guichet",
    };

    /// <summary>The provider accepted the attempt and gave the page to send the payer to.</summary>
    public void Opened(string paymentUrl, string? token, DateTimeOffset now)
    {
        PaymentUrl = paymentUrl;
        ProviderToken = token;
        UpdatedAt = now;
    }

    /// <summary>The provider's check says the money was taken. Whether it counts is the caller's to say with
    /// <paramref name="flag"/>: another amount or currency is never accepted, a second payment is refunded.</summary>
    public void ConfirmPaid(int? amount, string? currency, string? method, string? reference, string? payerPhone, DateTimeOffset paidAt, PaymentFlag flag, string answer, DateTimeOffset now)
    {
        Status = PaymentStatus.Paid;
        Flag = flag;
        PaidAmount = amount;
        PaidCurrency = currency;
        Method = method;
        Reference = reference;
        PayerPhone = payerPhone;
        PaidAt = paidAt;
        Settle(answer, now);
    }

    /// <summary>Whether what the provider confirmed is exactly what was asked.</summary>
    public bool Matches(int? amount, string? currency) => amount == Amount && string.Equals(currency, Currency, StringComparison.Ordinal);

    public void Fail(string answer, DateTimeOffset now)
    {
        Status = PaymentStatus.Failed;
        Settle(answer, now);
    }

    /// <summary>No answer or still waiting: asked again at <paramref name="next"/>, or expired past the window.</summary>
    public void StillPending(string answer, DateTimeOffset next, DateTimeOffset now)
    {
        Checks++;
        LastAnswer = Fit(answer);
        UpdatedAt = now;
        if (next > CheckUntil)
        {
            Status = PaymentStatus.Expired;
            NextCheckAt = null;
        }
        else
        {
            NextCheckAt = next;
        }
    }

    /// <summary>A flagged payment was given back (by the provider's refund, or by hand at the Treasury).</summary>
    public void Refunded(string staffId, string note, DateTimeOffset now)
    {
        if (Flag == PaymentFlag.None || RefundedAt is not null)
        {
            throw new InvalidTransitionException("Ce paiement n'est pas à rembourser.");
        }

        RefundedAt = now;
        RefundedById = staffId;
        RefundNote = Fit(note.Trim());
        UpdatedAt = now;
    }

    /// <summary>The request was deleted (an unpaid draft): the attempt stays, for the reports.</summary>
    public void Detach() => RequestId = null;

    private void Settle(string answer, DateTimeOffset now)
    {
        Checks++;
        LastAnswer = Fit(answer);
        NextCheckAt = null;
        UpdatedAt = now;
    }

    private static string Fit(string text) => text.Length <= 200 ? text : text[..199] + "…";
}
