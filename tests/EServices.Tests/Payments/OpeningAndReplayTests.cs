using System.Net;
using EServices.Tests.Infrastructure;

namespace EServices.Tests.Payments;

/// <summary>What the review of the ledger found: a second click while the provider is still answering opens no second
/// payment; a refused attempt replayed by notifications is not asked again each time, nor journaled again, and still
/// ends paid if the provider later says it was.</summary>
[Collection(PaymentCollection.Name)]
public sealed class OpeningAndReplayTests(PaymentHost host)
{
    [Fact]
    public async Task Two_clicks_while_the_provider_is_still_answering_open_one_payment()
    {
        var payer = await host.AwaitingPaymentAsync();
        host.Provider.OpeningDelay = TimeSpan.FromSeconds(1.5);
        Page[] answers;
        try
        {
            var first = payer.Session.SubmitAsync(payer.PaymentPage, "Payer par mobile money", follow: false);
            await Task.Delay(300);
            var second = payer.Session.SubmitAsync(payer.PaymentPage, "Payer par mobile money", follow: false);
            answers = await Task.WhenAll(first, second);
        }
        finally
        {
            host.Provider.OpeningDelay = TimeSpan.Zero;
        }

        Assert.Equal(HttpStatusCode.SeeOther, answers[0].Status);
        Assert.Contains("Un paiement est en cours d'ouverture pour cette demande", answers[1].Text, StringComparison.Ordinal);
        Assert.Equal(1L, await host.ScalarAsync("SELECT count(*) FROM payments WHERE request_id = @id", ("id", payer.DraftId)));

        // Once the page is known, a third click is sent to that same page.
        var third = await payer.Session.SubmitAsync(payer.PaymentPage, "Payer par mobile money", follow: false);
        Assert.Equal(answers[0].Location, third.Location);
    }

    [Fact]
    public async Task A_refused_attempt_replayed_is_asked_once_a_minute_journaled_once_and_still_files_if_paid_later()
    {
        var payer = await host.AwaitingPaymentAsync();
        var transactionId = await PaymentSteps.OpenAsync(payer.Session, payer.PaymentPage);
        host.Provider.Refused(transactionId);

        using var client = host.CreateClient();
        for (var i = 0; i < 3; i++)
        {
            using var notification = PaymentHost.Notification(transactionId);
            Assert.Equal(HttpStatusCode.OK, (await client.SendAsync(notification)).StatusCode);
        }

        Assert.Equal(1, host.Provider.ChecksOf(transactionId));
        Assert.Equal("Failed", await host.ScalarAsync("SELECT status FROM payments WHERE transaction_id = @t", ("t", transactionId)));
        Assert.Equal(1L, await host.ScalarAsync("SELECT count(*) FROM audit_entries WHERE target_id = @t AND action LIKE 'Paiement refusé%'", ("t", transactionId)));

        // The operator confirms late (CinetPay's status can change after a refusal was read): a later notification files it.
        host.Provider.Paid(transactionId, PaymentSteps.Fee);
        host.Clock().Advance(TimeSpan.FromMinutes(2));
        using (var late = PaymentHost.Notification(transactionId))
        {
            Assert.Equal(HttpStatusCode.OK, (await client.SendAsync(late)).StatusCode);
        }

        Assert.Equal("Paid", await host.ScalarAsync("SELECT status FROM payments WHERE transaction_id = @t", ("t", transactionId)));
        Assert.Matches(@"^[A-Z]+-\d{4}-\d{6}$", await host.NumberAsync(payer.DraftId));
        await host.AssertLedgerHoldsAsync();
    }
}
