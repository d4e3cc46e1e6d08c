using System.Globalization;
using System.Security.Cryptography;
using Microsoft.Extensions.Options;

namespace EServices.PaySim;

/// <summary>What the payer does on the payment page (or a test in their place).</summary>
public enum Outcome
{
    Paid,
    Failed,
    Abandoned,

    /// <summary>Waits for the customer (a WAITING_FOR_CUSTOMER notification), then is accepted after <see cref="PaySimOptions.SlowDelay"/>.</summary>
    Slow,
}

/// <summary>Settles a transaction the way the payer chose, then notifies the merchant.</summary>
public sealed class Settlement(SimStore store, Notifier notifier, IOptions<PaySimOptions> options)
{
    /// <summary>False when the transaction is already final (or already waiting, for <see cref="Outcome.Slow"/>).</summary>
    public async Task<bool> SettleAsync(SimTransaction tx, Outcome outcome, string method, string? phone)
    {
        var faults = store.FaultsFor(tx.TransactionId);
        var now = store.Clock.GetUtcNow();
        var changed = store.Change(tx, t =>
        {
            if (t.IsFinal || (outcome == Outcome.Slow && t.Status == Statuses.Waiting))
            {
                return false;
            }
            t.Method = method;
            t.Phone = phone;
            (t.Status, t.Code, t.Message) = outcome switch
            {
                Outcome.Paid => (Statuses.Accepted, "00", "SUCCES"),
                Outcome.Failed => (Statuses.Refused, "600", "PAYMENT_FAILED"),
                Outcome.Abandoned => (Statuses.Refused, "627", "TRANSACTION_CANCEL"),
                Outcome.Slow => (Statuses.Waiting, "662", "WAITING_CUSTOMER_PAYMENT"),
            };
            if (outcome == Outcome.Paid)
            {
                // The operator's own reference, in the shape of the documentation's example (MP220915.2257.A76307).
                t.OperatorId = $"MP{now.UtcDateTime.ToString("yyMMdd.HHmm", CultureInfo.InvariantCulture)}.{RandomNumberGenerator.GetHexString(5)}";
                t.PaymentDate = now;
                t.PaidAmount = faults.PayAmount;
                t.PaidCurrency = faults.PayCurrency;
            }
            return true;
        });
        if (!changed)
        {
            return false;
        }
        await notifier.NotifyAsync(tx);
        if (outcome == Outcome.Slow)
        {
            _ = Task.Run(async () =>
            {
                await Task.Delay(options.Value.SlowDelay);
                await SettleAsync(tx, Outcome.Paid, method, phone);
            });
        }
        return true;
    }
}
