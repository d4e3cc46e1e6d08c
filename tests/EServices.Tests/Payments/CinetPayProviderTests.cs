using System.Diagnostics;
using EServices.PaySim;
using EServices.Web.Payments;

namespace EServices.Tests.Payments;

/// <summary>The portal's CinetPay client against the simulator: what it makes of each answer, and of no answer.</summary>
[Collection(PaySimCollection.Name)]
public sealed class CinetPayProviderTests(PaySimFixture sim)
{
    private static readonly Uri Nowhere = new("http://127.0.0.1:9/notification");

    private static CheckoutOrder Order(string id, int amount = 5000, string description = "Concours 2027 : frais d'inscription") =>
        new(id, amount, "XOF", description, Nowhere, new Uri("http://127.0.0.1:9/retour"), "+22670123456");

    [Fact]
    public async Task Open_gives_the_payment_page_and_sends_a_description_CinetPay_accepts()
    {
        var id = PaySimFixture.NewTransactionId();
        var checkout = await sim.Provider().OpenAsync(Order(id, description: "Frais #12 / concours_2027 & co $"), CancellationToken.None);

        Assert.Null(checkout.Failure);
        Assert.StartsWith(new Uri(sim.BaseUrl, "paiement/").ToString(), checkout.PaymentUrl);
        var tx = await sim.TransactionAsync(id);
        Assert.Equal(checkout.Token, tx.Token);
        Assert.Equal(5000, tx.Amount);
        Assert.Equal("Frais 12 concours 2027 co", tx.Description);
        Assert.Equal(Nowhere.AbsoluteUri, tx.NotifyUrl);
    }

    [Theory]
    [InlineData(101, "611")]
    [InlineData(95, "641")]
    public async Task Open_is_refused_for_an_amount_CinetPay_refuses(int amount, string code)
    {
        var checkout = await sim.Provider().OpenAsync(Order(PaySimFixture.NewTransactionId(), amount), CancellationToken.None);
        Assert.Null(checkout.PaymentUrl);
        Assert.StartsWith(code, checkout.Failure);
    }

    [Fact]
    public async Task Open_is_refused_with_a_wrong_apikey_or_a_reused_transaction_id()
    {
        var wrongKey = await sim.Provider(apiKey: "not-the-key").OpenAsync(Order(PaySimFixture.NewTransactionId()), CancellationToken.None);
        Assert.Equal("609 AUTH_NOT_FOUND", wrongKey.Failure);

        var id = PaySimFixture.NewTransactionId();
        Assert.Null((await sim.Provider().OpenAsync(Order(id), CancellationToken.None)).Failure);
        Assert.StartsWith("620", (await sim.Provider().OpenAsync(Order(id), CancellationToken.None)).Failure);
    }

    [Theory]
    [InlineData(SimFailure.Error, "CinetPay en erreur (HTTP 500)")]
    [InlineData(SimFailure.Close, "CinetPay injoignable")]
    public async Task Open_is_refused_when_CinetPay_fails(SimFailure failure, string said)
    {
        var id = PaySimFixture.NewTransactionId();
        await sim.FaultsAsync(id, new SimFaults { Init = failure });
        var checkout = await sim.Provider().OpenAsync(Order(id), CancellationToken.None);
        Assert.Equal(Checkout.Refused(said), checkout);
    }

    [Fact]
    public async Task Open_gives_up_at_the_timeout_when_CinetPay_is_slow()
    {
        var id = PaySimFixture.NewTransactionId();
        await sim.FaultsAsync(id, new SimFaults { InitDelayMs = 10_000 });
        var watch = Stopwatch.StartNew();
        var checkout = await sim.Provider(TimeSpan.FromMilliseconds(300)).OpenAsync(Order(id), CancellationToken.None);
        Assert.Equal("CinetPay n'a pas répondu en 0,3 s", checkout.Failure);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(3), $"took {watch.Elapsed}");
    }

    [Fact]
    public async Task Nothing_is_called_without_a_configured_address()
    {
        var provider = sim.Provider(baseUrl: "");
        Assert.Equal("paiement en ligne non configuré", (await provider.OpenAsync(Order("T1"), CancellationToken.None)).Failure);
        Assert.Equal(CheckVerdict.Unreachable, (await provider.CheckAsync("T1", CancellationToken.None)).Verdict);
    }

    [Fact]
    public async Task Check_of_a_payment_gives_what_was_paid()
    {
        var id = await OpenedAsync();
        var paid = await sim.SettleAsync(id, Outcome.Paid, "MOOV");

        var check = await sim.Provider().CheckAsync(id, CancellationToken.None);

        var at = paid.PaymentDate!.Value.ToUniversalTime(); // sent to the second, in Ouagadougou's time (UTC)
        Assert.Equal(new PaymentCheck(CheckVerdict.Paid, "00 SUCCES (ACCEPTED)", 5000, "XOF", "MOOV", paid.OperatorId, "+22670123456",
            new DateTimeOffset(at.Year, at.Month, at.Day, at.Hour, at.Minute, at.Second, TimeSpan.Zero)), check);
        Assert.StartsWith("MP", check.Reference);
    }

    [Fact]
    public async Task Check_reports_another_amount_as_it_was_paid()
    {
        var id = PaySimFixture.NewTransactionId();
        await sim.FaultsAsync(id, new SimFaults { PayAmount = 4000 });
        await sim.Provider().OpenAsync(Order(id), CancellationToken.None);
        await sim.SettleAsync(id, Outcome.Paid);

        var check = await sim.Provider().CheckAsync(id, CancellationToken.None);
        Assert.Equal((CheckVerdict.Paid, 4000, "XOF"), (check.Verdict, check.Amount, check.Currency));
    }

    [Theory]
    [InlineData(Outcome.Failed, "600 PAYMENT_FAILED (REFUSED)")]
    [InlineData(Outcome.Abandoned, "627 TRANSACTION_CANCEL (REFUSED)")]
    public async Task Check_of_a_failure_is_refused(Outcome outcome, string said)
    {
        var id = await OpenedAsync();
        await sim.SettleAsync(id, outcome);
        var check = await sim.Provider().CheckAsync(id, CancellationToken.None);
        Assert.Equal((CheckVerdict.Refused, said, (string?)null), (check.Verdict, check.Answer, check.Reference));
    }

    [Fact]
    public async Task Check_while_the_payer_has_not_finished_is_pending()
    {
        var id = await OpenedAsync();
        Assert.Equal(new PaymentCheck(CheckVerdict.Pending, "662 WAITING_CUSTOMER_PAYMENT (WAITING_FOR_CUSTOMER)", 5000, "XOF"),
            await sim.Provider().CheckAsync(id, CancellationToken.None));

        await sim.SettleAsync(id, Outcome.Slow);
        Assert.Equal(CheckVerdict.Pending, (await sim.Provider().CheckAsync(id, CancellationToken.None)).Verdict);
    }

    [Fact]
    public async Task Check_of_an_unknown_transaction_is_refused() =>
        Assert.Equal(CheckVerdict.Refused, (await sim.Provider().CheckAsync(PaySimFixture.NewTransactionId(), CancellationToken.None)).Verdict);

    [Fact]
    public async Task Check_with_wrong_keys_concludes_nothing()
    {
        var id = await OpenedAsync();
        await sim.SettleAsync(id, Outcome.Paid);
        var check = await sim.Provider(apiKey: "not-the-key").CheckAsync(id, CancellationToken.None);
        Assert.Equal((CheckVerdict.Unreachable, "609 AUTH_NOT_FOUND"), (check.Verdict, check.Answer));
    }

    [Theory]
    [InlineData(SimFailure.Error, 0)]
    [InlineData(SimFailure.Close, 0)]
    [InlineData(SimFailure.None, 10_000)]
    public async Task Check_when_CinetPay_is_down_or_slow_is_unreachable(SimFailure failure, int delayMs)
    {
        var id = await OpenedAsync();
        await sim.SettleAsync(id, Outcome.Paid);
        await sim.FaultsAsync(id, new SimFaults { Check = failure, CheckDelayMs = delayMs });
        var watch = Stopwatch.StartNew();

        var check = await sim.Provider(TimeSpan.FromMilliseconds(300)).CheckAsync(id, CancellationToken.None);

        Assert.Equal(CheckVerdict.Unreachable, check.Verdict);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(3), $"took {watch.Elapsed}");
    }

    private async Task<string> OpenedAsync()
    {
        var id = PaySimFixture.NewTransactionId();
        Assert.Null((await sim.Provider().OpenAsync(Order(id), CancellationToken.None)).Failure);
        return id;
    }
}
