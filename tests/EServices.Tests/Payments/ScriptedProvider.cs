using System.Collections.Concurrent;
using EServices.Web.Payments;

namespace EServices.Tests.Payments;

/// <summary>A payment provider whose answers the test writes: per transaction, what the check says (pending until told);
/// whether initialisation works. It counts the checks, to see who asked.</summary>
public sealed class ScriptedProvider : IPaymentProvider
{
    private readonly ConcurrentDictionary<string, PaymentCheck> _answers = new();
    private readonly ConcurrentDictionary<string, int> _checks = new();

    public string Name => "cinetpay";

    /// <summary>Initialisation fails ("injoignable") while true.</summary>
    public bool DownAtOpening { get; set; }

    /// <summary>How long a check takes (a slow provider).</summary>
    public TimeSpan CheckDelay { get; set; }

    /// <summary>How long initialisation takes (a second click meanwhile).</summary>
    public TimeSpan OpeningDelay { get; set; }

    public ConcurrentQueue<CheckoutOrder> Orders { get; } = new();

    public static string PageOf(string transactionId) => $"https://paiement.exemple/payer/{transactionId}";

    public async Task<Checkout> OpenAsync(CheckoutOrder order, CancellationToken ct)
    {
        if (OpeningDelay > TimeSpan.Zero)
        {
            await Task.Delay(OpeningDelay, ct);
        }

        if (DownAtOpening)
        {
            return Checkout.Refused("injoignable");
        }

        Orders.Enqueue(order);
        return Checkout.Opened(PageOf(order.TransactionId), "jeton-" + order.TransactionId);
    }

    public async Task<PaymentCheck> CheckAsync(string transactionId, CancellationToken ct)
    {
        _checks.AddOrUpdate(transactionId, 1, (_, n) => n + 1);
        if (CheckDelay > TimeSpan.Zero)
        {
            await Task.Delay(CheckDelay, ct);
        }

        return _answers.TryGetValue(transactionId, out var answer) ? answer : new PaymentCheck(CheckVerdict.Pending, "662 WAITING_CUSTOMER_PAYMENT");
    }

    public void Paid(string transactionId, int amount, string currency = "XOF", string method = "OM") =>
        _answers[transactionId] = new PaymentCheck(CheckVerdict.Paid, "00 SUCCES", amount, currency, method, "MP" + transactionId, "22670000000", DateTimeOffset.UtcNow);

    public void Refused(string transactionId) => _answers[transactionId] = new PaymentCheck(CheckVerdict.Refused, "627 TRANSACTION_CANCEL");

    public void Unreachable(string transactionId) => _answers[transactionId] = new PaymentCheck(CheckVerdict.Unreachable, "injoignable");

    public int ChecksOf(string transactionId) => _checks.GetValueOrDefault(transactionId);
}
