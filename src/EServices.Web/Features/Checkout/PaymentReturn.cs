using EServices.Web.Payments;

namespace EServices.Web.Features.Checkout;

public enum ReturnOutcome
{
    /// <summary>Unknown, malformed, someone else's, or the applicant not signed in: nothing to show.</summary>
    Neutral,
    Paid,
    Pending,
    Failed,

    /// <summary>Money received that does not count (a second payment, another amount): to be refunded.</summary>
    Flagged,
}

/// <summary>What the applicant coming back from the provider's page is shown.</summary>
public sealed record ReturnPage(ReturnOutcome Outcome, string? TransactionId = null, string? Number = null, Guid? DraftId = null);

/// <summary>
/// The applicant's return from the provider: the portal asks the provider itself (<see cref="PaymentLedger.CheckAsync"/>,
/// as the notification and the job do) and never trusts what the return says. Only the applicant who opened the attempt
/// sees its request; for anyone else, or an unknown id, the same neutral page.
/// </summary>
public sealed class PaymentReturn(AppDbContext db, PaymentLedger ledger)
{
    public async Task<ReturnPage> CheckAsync(string? transactionId, string? applicantId, CancellationToken ct)
    {
        if (transactionId is null || applicantId is null
            || !await db.Payments.AnyAsync(p => p.TransactionId == transactionId && p.ApplicantId == applicantId, ct))
        {
            return new ReturnPage(ReturnOutcome.Neutral);
        }

        var payment = (await ledger.CheckAsync(transactionId, ct))!;
        var request = payment.RequestId is { } id
            ? await db.Requests.AsNoTracking().Where(r => r.Id == id).Select(r => new { r.Id, r.Number, r.AwaitingPaymentSince }).SingleOrDefaultAsync(ct)
            : null;
        return payment switch
        {
            { Status: PaymentStatus.Paid, Flag: PaymentFlag.None } => new ReturnPage(ReturnOutcome.Paid, transactionId, request?.Number),
            { Status: PaymentStatus.Paid } => new ReturnPage(ReturnOutcome.Flagged, transactionId, request?.Number),
            { Status: PaymentStatus.Pending } => new ReturnPage(ReturnOutcome.Pending, transactionId),
            _ => new ReturnPage(ReturnOutcome.Failed, transactionId, request?.Number, request?.AwaitingPaymentSince is null ? null : request.Id),
        };
    }
}
