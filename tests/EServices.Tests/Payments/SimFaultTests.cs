using System.Net;
using EServices.PaySim;
using EServices.Tests.Infrastructure;

namespace EServices.Tests.Payments;

/// <summary>The fault matrix end to end: the portal's CinetPay client, the simulator's signed notifications and its faults.</summary>
[Collection(SimPortalCollection.Name)]
public sealed class SimFaultTests(SimPortal portal)
{
    [Fact]
    public async Task Paid_on_the_simulator_the_notification_files_the_request_before_the_applicant_is_back()
    {
        var (payer, transactionId) = await OpenedAsync();

        var settled = await portal.Sim.SettleAsync(transactionId, Outcome.Paid);

        Assert.Contains(settled.Deliveries, d => d.Outcome == "200");
        Assert.Matches(@"^AG-2027-\d{6}$", await portal.NumberAsync(payer.DraftId));
        Assert.Equal("Paiement confirmé", (await payer.Session.GetAsync($"/paiements/retour?transaction_id={transactionId}")).Html.QuerySelector("h1")!.TextContent);
        await portal.AssertLedgerHoldsAsync();
    }

    [Fact]
    public async Task A_dropped_notification_ends_paid_by_the_job()
    {
        var (payer, transactionId) = await OpenedAsync();
        await portal.Sim.FaultsAsync(transactionId, new SimFaults { DropNotification = true });
        await portal.Sim.SettleAsync(transactionId, Outcome.Paid);
        Assert.Equal("Draft", await portal.ScalarAsync("SELECT status FROM requests WHERE id = @id", ("id", payer.DraftId)));

        await portal.ReconcileLaterAsync(TimeSpan.FromMinutes(3));

        Assert.Matches(@"^AG-2027-\d{6}$", await portal.NumberAsync(payer.DraftId));
        await portal.AssertLedgerHoldsAsync();
    }

    [Fact]
    public async Task Duplicated_waiting_first_and_resent_notifications_file_once()
    {
        var (payer, transactionId) = await OpenedAsync();
        await portal.Sim.FaultsAsync(transactionId, new SimFaults { DuplicateNotification = true, WaitingFirst = true });

        await portal.Sim.SettleAsync(transactionId, Outcome.Paid);
        await portal.Sim.ResendAsync(transactionId);

        Assert.Equal(1L, await portal.ScalarAsync("SELECT count(*) FROM issued_documents WHERE request_id = @id AND kind = 'Receipt'", ("id", payer.DraftId)));
        await portal.AssertLedgerHoldsAsync();
    }

    [Fact]
    public async Task A_notification_held_until_after_the_return_page_checked_changes_nothing()
    {
        var (payer, transactionId) = await OpenedAsync();
        await portal.Sim.FaultsAsync(transactionId, new SimFaults { HoldNotification = true });
        await portal.Sim.SettleAsync(transactionId, Outcome.Paid);
        Assert.Equal("Paiement confirmé", (await payer.Session.GetAsync($"/paiements/retour?transaction_id={transactionId}")).Html.QuerySelector("h1")!.TextContent);

        await portal.Sim.ReleaseAsync(transactionId);

        Assert.Equal(1L, await portal.ScalarAsync("SELECT count(*) FROM issued_documents WHERE request_id = @id AND kind = 'Receipt'", ("id", payer.DraftId)));
        await portal.AssertLedgerHoldsAsync();
    }

    [Fact]
    public async Task A_notification_with_a_wrong_token_does_nothing_and_the_job_still_ends_it_paid()
    {
        var (payer, transactionId) = await OpenedAsync();
        await portal.Sim.FaultsAsync(transactionId, new SimFaults { WrongToken = true });
        await portal.Sim.SettleAsync(transactionId, Outcome.Paid);
        Assert.Equal("Pending", await portal.ScalarAsync("SELECT status FROM payments WHERE transaction_id = @t", ("t", transactionId)));

        await portal.ReconcileLaterAsync(TimeSpan.FromMinutes(3));

        Assert.Matches(@"^AG-2027-\d{6}$", await portal.NumberAsync(payer.DraftId));
        await portal.AssertLedgerHoldsAsync();
    }

    [Theory]
    [InlineData(SimFailure.Error, 0)]
    [InlineData(SimFailure.Close, 0)]
    [InlineData(SimFailure.None, 3000)]
    public async Task A_provider_down_or_slow_at_initialisation_gives_a_clear_message_and_the_retry_works(SimFailure failure, int delayMs)
    {
        var payer = await portal.AwaitingPaymentAsync(portal.NewLoopbackSession());
        Page refused = null!;
        await portal.WithFaultsAsync(new SimFaults { Init = failure, InitDelayMs = delayMs }, async () =>
            refused = await payer.Session.SubmitAsync(payer.PaymentPage, "Payer par mobile money", follow: false));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, refused.Status);
        Assert.Contains("Le service de paiement ne répond pas pour le moment", refused.Text, StringComparison.Ordinal);
        var retried = await payer.Session.SubmitAsync(refused, "Payer par mobile money", follow: false);
        Assert.Equal(HttpStatusCode.SeeOther, retried.Status);
        Assert.StartsWith(portal.Sim.BaseUrl.ToString(), retried.Location, StringComparison.Ordinal);
        await portal.AssertLedgerHoldsAsync();
    }

    [Fact]
    public async Task A_provider_down_or_slow_at_check_stays_pending_and_ends_paid_once_back()
    {
        var (payer, transactionId) = await OpenedAsync();
        await portal.Sim.FaultsAsync(transactionId, new SimFaults { Check = SimFailure.Error, DropNotification = true });
        await portal.Sim.SettleAsync(transactionId, Outcome.Paid);
        Assert.Equal("Paiement en cours de confirmation", (await payer.Session.GetAsync($"/paiements/retour?transaction_id={transactionId}")).Html.QuerySelector("h1")!.TextContent);
        await portal.Sim.FaultsAsync(transactionId, new SimFaults { Check = SimFailure.None, CheckDelayMs = 3000 });
        await portal.ReconcileLaterAsync(TimeSpan.FromMinutes(3));
        Assert.Equal("Pending", await portal.ScalarAsync("SELECT status FROM payments WHERE transaction_id = @t", ("t", transactionId)));

        await portal.Sim.FaultsAsync(transactionId, new SimFaults { CheckDelayMs = 0 });
        await portal.ReconcileLaterAsync(TimeSpan.FromHours(3));

        Assert.Matches(@"^AG-2027-\d{6}$", await portal.NumberAsync(payer.DraftId));
        await portal.AssertLedgerHoldsAsync();
    }

    [Fact]
    public async Task A_wrong_amount_taken_is_flagged_and_never_files()
    {
        var (payer, transactionId) = await OpenedAsync();
        await portal.Sim.FaultsAsync(transactionId, new SimFaults { PayAmount = 500 });

        await portal.Sim.SettleAsync(transactionId, Outcome.Paid);

        Assert.Equal("WrongAmount", await portal.ScalarAsync("SELECT flag FROM payments WHERE transaction_id = @t", ("t", transactionId)));
        Assert.Equal("Draft", await portal.ScalarAsync("SELECT status FROM requests WHERE id = @id", ("id", payer.DraftId)));
        await portal.AssertLedgerHoldsAsync();
    }

    private async Task<(Payer Payer, string TransactionId)> OpenedAsync()
    {
        var payer = await portal.AwaitingPaymentAsync(portal.NewLoopbackSession());
        var sent = await payer.Session.SubmitAsync(payer.PaymentPage, "Payer par mobile money", follow: false);
        Assert.Equal(HttpStatusCode.SeeOther, sent.Status);
        return (payer, await portal.LastAttemptAsync(payer.DraftId));
    }
}
