using EServices.Web.Documents;
using Npgsql;

namespace EServices.Web.Payments;

/// <summary>The counter's side of the ledger: Treasury receipts recorded by a cashier, and refunds of flagged money.</summary>
public sealed partial class PaymentLedger
{
    public enum CounterOutcome
    {
        Filed,
        UnknownCode,
        ReceiptAlreadyRecorded,
        WrongAmount,
        RefundDue,

        /// <summary>The money is recorded and flagged for refund: this draft may not be filed (an application to a competition outside its pages, or after its closing).</summary>
        NotFileable,
    }

    /// <summary>A cashier records a Treasury receipt for the draft whose payment code the citizen gives. The receipt's
    /// amount must be the fee due: another amount is recorded (the money was received) and flagged, never accepted.</summary>
    public async Task<(CounterOutcome Outcome, string? Number)> RecordCounterReceiptAsync(string paymentCode, string receiptNumber, int amount, string cashierId, CancellationToken ct)
    {
        try
        {
            return await RecordReceiptAsync(paymentCode, receiptNumber, amount, cashierId, ct);
        }
        catch (DbUpdateException saving) when (saving.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
        {
            // The same receipt typed at the same moment for another request: the unique index lets one through.
            db.ChangeTracker.Clear();
            return (CounterOutcome.ReceiptAlreadyRecorded, null);
        }
    }

    private Task<(CounterOutcome Outcome, string? Number)> RecordReceiptAsync(string paymentCode, string receiptNumber, int amount, string cashierId, CancellationToken ct) =>
        db.Database.CreateExecutionStrategy().ExecuteAsync(async token =>
        {
            await using var transaction = await db.Database.BeginTransactionAsync(token);
            var requestId = await db.Requests.Where(r => r.PaymentCode == paymentCode).Select(r => (Guid?)r.Id).SingleOrDefaultAsync(token);
            var request = requestId is { } id ? await filing.LockAsync(id, token) : null;
            if (request is null || request.IsTest)
            {
                return (CounterOutcome.UnknownCode, (string?)null);
            }

            if (await db.Payments.AnyAsync(p => p.Provider == Payment.Counter && p.Reference == receiptNumber, token))
            {
                return (CounterOutcome.ReceiptAlreadyRecorded, request.Number);
            }

            var now = clock.GetUtcNow();
            var payment = Payment.AtCounter(request, request.Procedure.ServiceId, NewTransactionId(now), receiptNumber, amount, cashierId, now);
            db.Payments.Add(payment);
            (CounterOutcome, string?) outcome;
            if (amount != request.FeeDue)
            {
                payment.ConfirmPaid(amount, Payment.Currency, "TRESOR", receiptNumber, null, now, PaymentFlag.WrongAmount, payment.LastAnswer!, now);
                Record(payment, $"Quittance {receiptNumber} de {FieldRules.FormatAmount(amount)} au lieu de {FieldRules.FormatAmount(request.FeeDue ?? 0)} : signalée, non acceptée", cashierId);
                outcome = (CounterOutcome.WrongAmount, request.Number);
            }
            else if (!request.IsAwaitingPayment)
            {
                payment.ConfirmPaid(amount, Payment.Currency, "TRESOR", receiptNumber, null, now, PaymentFlag.RefundDue, payment.LastAnswer!, now);
                Record(payment, $"Quittance {receiptNumber} pour la demande {request.Number}, déjà payée : à rembourser", cashierId);
                outcome = (CounterOutcome.RefundDue, request.Number);
            }
            else if (await filing.CompetitionRefusalAsync(request, now, token) is { } refusal)
            {
                // The citizen paid at the Treasury before coming: the money is recorded, and given back.
                payment.ConfirmPaid(amount, Payment.Currency, "TRESOR", receiptNumber, null, now, PaymentFlag.RefundDue, payment.LastAnswer!, now);
                Record(payment, $"Quittance {receiptNumber} enregistrée, demande non déposée ({refusal}) : à rembourser", cashierId);
                outcome = (CounterOutcome.NotFileable, request.Number);
            }
            else
            {
                await db.SaveChangesAsync(token); // the payment row first: the request points at it
                var number = await filing.FileAsync(request, payment, new PaidFee(amount, Payment.MeansLabel("TRESOR"), receiptNumber), token);
                Record(payment, $"Quittance du Trésor {receiptNumber} enregistrée : demande {number} déposée", cashierId);
                outcome = (CounterOutcome.Filed, number);
            }

            await db.SaveChangesAsync(token);
            await transaction.CommitAsync(token);
            return outcome;
        }, ct);

    /// <summary>Records that flagged money was given back, with the refund's reference.</summary>
    public async Task<bool> MarkRefundedAsync(Guid paymentId, string staffId, string note, CancellationToken ct)
    {
        var payment = await db.Payments.SingleOrDefaultAsync(p => p.Id == paymentId, ct);
        if (payment is null || payment.Flag == PaymentFlag.None || payment.RefundedAt is not null)
        {
            return false;
        }

        payment.Refunded(staffId, note, clock.GetUtcNow());
        Record(payment, $"Remboursement enregistré : {payment.RefundNote}", staffId);
        await db.SaveChangesAsync(ct);
        return true;
    }
}
