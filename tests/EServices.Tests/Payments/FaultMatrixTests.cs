using System.Net;
using EServices.Tests.Infrastructure;

namespace EServices.Tests.Payments;

/// <summary>
/// The issue's fault matrix, through HTTP against the real portal: notifications lost, duplicated, late, out of order,
/// forged or for nobody; the provider down or slow; two payments for one request; a wrong amount; everything at once.
/// Each ends with the ledger's rule: every paid attempt that counts filed one request, nothing unpaid is filed, the rest
/// is flagged.
/// </summary>
[Collection(PaymentCollection.Name)]
public sealed class FaultMatrixTests(PaymentHost host)
{
    [Fact]
    public async Task A_lost_notification_still_ends_paid_by_the_reconciliation_job()
    {
        var (payer, transactionId) = await OpenedAsync();
        host.Provider.Paid(transactionId, PaymentSteps.Fee);

        await host.ReconcileLaterAsync(TimeSpan.FromMinutes(3));

        Assert.Matches(@"^AG-2027-\d{6}$", await host.NumberAsync(payer.DraftId));
        Assert.Equal("Paid", await StatusAsync(transactionId));
        await host.AssertLedgerHoldsAsync();
    }

    [Fact]
    public async Task A_duplicated_notification_files_once_with_one_receipt_and_one_notice()
    {
        var (payer, transactionId) = await OpenedAsync();
        host.Provider.Paid(transactionId, PaymentSteps.Fee);

        Assert.Equal(HttpStatusCode.OK, await NotifyAsync(transactionId));
        Assert.Equal(HttpStatusCode.OK, await NotifyAsync(transactionId));

        await AssertFiledOnceAsync(payer);
        Assert.Equal(1, host.Provider.ChecksOf(transactionId)); // the second found it paid: no need to ask again
    }

    [Fact]
    public async Task A_notification_arriving_after_the_return_page_checked_changes_nothing()
    {
        var (payer, transactionId) = await OpenedAsync();
        host.Provider.Paid(transactionId, PaymentSteps.Fee);
        Assert.Equal("Paiement confirmé", (await payer.Session.GetAsync($"/paiements/retour?transaction_id={transactionId}")).Html.QuerySelector("h1")!.TextContent);
        var entries = await host.ScalarAsync("SELECT count(*) FROM audit_entries WHERE target_id = @t", ("t", transactionId));

        Assert.Equal(HttpStatusCode.OK, await NotifyAsync(transactionId));

        Assert.Equal(entries, await host.ScalarAsync("SELECT count(*) FROM audit_entries WHERE target_id = @t", ("t", transactionId)));
        await AssertFiledOnceAsync(payer);
    }

    [Fact]
    public async Task A_waiting_notification_then_the_accepted_one_files_once()
    {
        var (payer, transactionId) = await OpenedAsync();

        Assert.Equal(HttpStatusCode.OK, await NotifyAsync(transactionId)); // WAITING_FOR_CUSTOMER: the check says pending
        Assert.Equal("Pending", await StatusAsync(transactionId));
        Assert.Equal("Draft", await host.ScalarAsync("SELECT status FROM requests WHERE id = @id", ("id", payer.DraftId)));

        host.Provider.Paid(transactionId, PaymentSteps.Fee);
        Assert.Equal(HttpStatusCode.OK, await NotifyAsync(transactionId));

        await AssertFiledOnceAsync(payer);
    }

    [Fact]
    public async Task A_notification_with_a_wrong_token_does_nothing_not_even_a_check()
    {
        var (payer, transactionId) = await OpenedAsync();
        host.Provider.Paid(transactionId, PaymentSteps.Fee);

        Assert.Equal(HttpStatusCode.OK, await NotifyAsync(transactionId, secret: "pas-le-bon-secret"));
        using var forged = PaymentHost.Notification(transactionId);
        forged.Content = new FormUrlEncodedContent([KeyValuePair.Create("cpm_trans_id", transactionId), KeyValuePair.Create("cpm_amount", "5000")]);
        Assert.Equal(HttpStatusCode.OK, (await host.CreateClient().SendAsync(forged)).StatusCode);

        Assert.Equal(0, host.Provider.ChecksOf(transactionId));
        Assert.Equal("Pending", await StatusAsync(transactionId));
        Assert.Contains(host.Logs.Lines, l => l.Contains("Payment notification ignored: invalid x-token", StringComparison.Ordinal));
        Assert.Equal(DBNull.Value, await host.ScalarAsync("SELECT number FROM requests WHERE id = @id", ("id", payer.DraftId)));
        await host.AssertLedgerHoldsAsync();
    }

    [Fact]
    public async Task A_notification_for_an_unknown_transaction_or_malformed_gets_200_and_does_nothing()
    {
        using var client = host.CreateClient();
        Assert.Equal(HttpStatusCode.OK, await NotifyAsync("ES270326INCONNU0000"));
        Assert.Equal(HttpStatusCode.OK, (await client.PostAsync("/paiements/notification", new StringContent("{\"cpm_trans_id\":1}", System.Text.Encoding.UTF8, "application/json"))).StatusCode);
        // Not a form the portal can read (too large): refused like any such form, before anything is looked up.
        Assert.Equal(HttpStatusCode.BadRequest, (await client.PostAsync("/paiements/notification", new StringContent(new string('a', 100_000), System.Text.Encoding.UTF8, "application/x-www-form-urlencoded"))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.PostAsync("/paiements/notification", new StringContent("cpm_trans_id=a&cpm_trans_id=b", System.Text.Encoding.UTF8, "application/x-www-form-urlencoded"))).StatusCode);

        var ping = await client.GetAsync("/paiements/notification");
        Assert.Equal(HttpStatusCode.OK, ping.StatusCode);
        Assert.Equal("", await ping.Content.ReadAsStringAsync());
        Assert.Equal(0L, await host.ScalarAsync("SELECT count(*) FROM payments WHERE transaction_id = 'ES270326INCONNU0000'"));
    }

    [Fact]
    public async Task A_provider_unreachable_at_check_leaves_the_payment_pending_until_it_answers()
    {
        var (payer, transactionId) = await OpenedAsync();
        host.Provider.Unreachable(transactionId);

        Assert.Equal(HttpStatusCode.OK, await NotifyAsync(transactionId));
        var page = await payer.Session.GetAsync($"/paiements/retour?transaction_id={transactionId}");
        Assert.Equal("Paiement en cours de confirmation", page.Html.QuerySelector("h1")!.TextContent);
        Assert.Equal("Pending", await StatusAsync(transactionId));

        host.Provider.Paid(transactionId, PaymentSteps.Fee);
        await host.ReconcileLaterAsync(TimeSpan.FromHours(1));

        await AssertFiledOnceAsync(payer);
    }

    [Fact]
    public async Task A_portal_stopped_between_the_checkout_and_the_notification_is_reconciled_by_another_instance()
    {
        var (payer, transactionId) = await OpenedAsync();
        host.Provider.Paid(transactionId, PaymentSteps.Fee); // paid while no notification reached this instance

        // Started again (another instance on the same database) after the first check was due: its job's first pass,
        // run at start-up, asks the provider.
        host.Clock().Advance(TimeSpan.FromMinutes(3));
        try
        {
            await using var restarted = host.SecondInstance();
            await ((IAsyncLifetime)restarted).InitializeAsync();
            for (var waited = 0; waited < 100 && await host.ScalarAsync("SELECT number FROM requests WHERE id = @id", ("id", payer.DraftId)) is DBNull; waited++)
            {
                await Task.Delay(100);
            }
        }
        finally
        {
            host.Clock().Advance(TimeSpan.FromMinutes(-3));
        }

        await AssertFiledOnceAsync(payer);
    }

    [Fact]
    public async Task Two_attempts_both_paid_count_once_and_the_other_is_flagged_for_refund()
    {
        var (payer, first) = await OpenedAsync();
        host.Clock().Advance(TimeSpan.FromMinutes(11)); // the first page is no longer given again: a second attempt opens
        string second;
        try
        {
            second = await PaymentSteps.OpenAsync(payer.Session, await payer.Session.GetAsync(payer.PaymentPath));
        }
        finally
        {
            host.Clock().Advance(TimeSpan.FromMinutes(-11));
        }

        Assert.NotEqual(first, second);
        host.Provider.Paid(first, PaymentSteps.Fee);
        host.Provider.Paid(second, PaymentSteps.Fee, method: "MOMO");
        await Task.WhenAll(NotifyAsync(first), NotifyAsync(second));

        await AssertFiledOnceAsync(payer);
        Assert.Equal(1L, await host.ScalarAsync("SELECT count(*) FROM payments WHERE request_id = @id AND status = 'Paid' AND flag = 'RefundDue'", ("id", payer.DraftId)));
        Assert.Equal(1L, await host.ScalarAsync("SELECT count(*) FROM payments WHERE request_id = @id AND status = 'Paid' AND flag = 'None'", ("id", payer.DraftId)));
    }

    [Fact]
    public async Task A_wrong_amount_is_flagged_and_never_files_the_request()
    {
        var (payer, transactionId) = await OpenedAsync();
        host.Provider.Paid(transactionId, 100);

        Assert.Equal(HttpStatusCode.OK, await NotifyAsync(transactionId, amount: 100));

        Assert.Equal("WrongAmount", await host.ScalarAsync("SELECT flag FROM payments WHERE transaction_id = @t", ("t", transactionId)));
        Assert.Equal(DBNull.Value, await host.ScalarAsync("SELECT number FROM requests WHERE id = @id", ("id", payer.DraftId)));
        var page = await payer.Session.GetAsync(payer.PaymentPath);
        Assert.Contains("Payé d'un autre montant : signalé au service", page.Text, StringComparison.Ordinal);
        Assert.Equal("Paiement reçu, à vérifier", (await payer.Session.GetAsync($"/paiements/retour?transaction_id={transactionId}")).Html.QuerySelector("h1")!.TextContent);
        await host.AssertLedgerHoldsAsync();
    }

    [Fact]
    public async Task Notifications_the_return_page_and_the_job_all_at_once_file_one_request_with_one_receipt_and_one_notice()
    {
        var (payer, transactionId) = await OpenedAsync();
        host.Provider.Paid(transactionId, PaymentSteps.Fee);
        host.Clock().Advance(TimeSpan.FromMinutes(3));
        try
        {
            await Task.WhenAll(
            [
                .. Enumerable.Range(0, 6).Select(_ => NotifyAsync(transactionId)),
                payer.Session.Client.GetAsync($"/paiements/retour?transaction_id={transactionId}"),
                host.ReconcileAsync(),
            ]);
        }
        finally
        {
            host.Clock().Advance(TimeSpan.FromMinutes(-3));
        }

        await AssertFiledOnceAsync(payer);
    }

    private async Task<(Payer Payer, string TransactionId)> OpenedAsync()
    {
        var payer = await host.AwaitingPaymentAsync();
        return (payer, await PaymentSteps.OpenAsync(payer.Session, payer.PaymentPage));
    }

    private async Task<HttpStatusCode> NotifyAsync(string transactionId, string secret = PaymentHost.Secret, int amount = PaymentSteps.Fee)
    {
        using var client = host.CreateClient();
        using var notification = PaymentHost.Notification(transactionId, secret, amount);
        return (await client.SendAsync(notification)).StatusCode;
    }

    private async Task<object?> StatusAsync(string transactionId) =>
        await host.ScalarAsync("SELECT status FROM payments WHERE transaction_id = @t", ("t", transactionId));

    /// <summary>One filing: a number, one receipt, one « déposée » e-mail; and the ledger's rule holds.</summary>
    private async Task AssertFiledOnceAsync(Payer payer)
    {
        var number = await host.NumberAsync(payer.DraftId);
        Assert.Equal(1L, await host.ScalarAsync("SELECT count(*) FROM issued_documents WHERE request_id = @id AND kind = 'Receipt'", ("id", payer.DraftId)));
        Assert.Equal(1L, await host.ScalarAsync("SELECT count(*) FROM outbox_emails WHERE \"to\" = @to AND subject = @s", ("to", payer.User.Email), ("s", $"Demande {number} déposée")));
        await host.AssertLedgerHoldsAsync();
    }
}
