using System.Net;
using EServices.PaySim;
using EServices.Web.Payments.CinetPay;

namespace EServices.Tests.Payments;

/// <summary>The simulator's notifications, as a merchant's notify_url receives them, through each fault the tests of the
/// portal rely on; every genuine one passes the portal's own x-token check.</summary>
[Collection(PaySimCollection.Name)]
public sealed class PaySimNotificationTests(PaySimFixture sim)
{
    private static string? Verified(ReceivedNotification n) => CinetPayNotification.TransactionId(n.Form, n.XToken, PaySimFixture.SecretKey);

    /// <summary>A transaction opened with these faults, then settled by the payer.</summary>
    private async Task<(string Id, SimTransaction Settled)> SettledAsync(NotificationInbox inbox, SimFaults faults, Outcome outcome = Outcome.Paid)
    {
        var (id, _) = await sim.OpenAsync(inbox.NotifyUrl);
        await sim.FaultsAsync(id, faults);
        return (id, await sim.SettleAsync(id, outcome));
    }

    [Fact]
    public async Task A_payment_is_notified_with_the_16_fields_and_an_x_token_the_portal_accepts()
    {
        await using var inbox = await NotificationInbox.StartAsync();
        var (id, _) = await sim.OpenAsync(inbox.NotifyUrl);
        await sim.SettleAsync(id, Outcome.Paid);

        var notification = await inbox.NextAsync();

        Assert.Equal(id, Verified(notification));
        Assert.Equal(CinetPayNotification.Fields.Order(), notification.Form.Keys.Order());
        Assert.Equal(("5000", "XOF", "SUCCES", "Concours 2027 : frais d'inscription"),
            (notification.Form["cpm_amount"].ToString(), notification.Form["cpm_currency"].ToString(),
             notification.Form["cpm_error_message"].ToString(), notification.Form["cpm_designation"].ToString()));
        Assert.Equal(0, inbox.Waiting);
    }

    [Fact]
    public async Task Faults_double_drop_or_mis_sign_the_notification()
    {
        await using var inbox = await NotificationInbox.StartAsync();
        var (doubled, _) = await SettledAsync(inbox, new SimFaults { DuplicateNotification = true });
        Assert.Equal(doubled, Verified(await inbox.NextAsync()));
        Assert.Equal(doubled, Verified(await inbox.NextAsync()));

        var (dropped, settled) = await SettledAsync(inbox, new SimFaults { DropNotification = true });
        Assert.Equal(["dropped"], settled.Deliveries.Select(d => d.Outcome));
        Assert.Equal(0, inbox.Waiting);

        var (forged, _) = await SettledAsync(inbox, new SimFaults { WrongToken = true }, Outcome.Failed);
        var notification = await inbox.NextAsync();
        Assert.Equal((forged, null), (notification.Form["cpm_trans_id"].ToString(), Verified(notification)));
    }

    [Fact]
    public async Task A_held_notification_arrives_when_released_and_can_be_sent_again()
    {
        await using var inbox = await NotificationInbox.StartAsync();
        var (id, _) = await SettledAsync(inbox, new SimFaults { HoldNotification = true });
        Assert.Equal(0, inbox.Waiting);

        await sim.ReleaseAsync(id);
        Assert.Equal(id, Verified(await inbox.NextAsync()));

        await sim.ResendAsync(id);
        Assert.Equal(id, Verified(await inbox.NextAsync()));
        Assert.Equal(["held", "200", "200"], (await sim.TransactionAsync(id)).Deliveries.Select(d => d.Outcome));
    }

    [Fact]
    public async Task A_waiting_notification_can_come_first_and_a_delayed_one_comes_later()
    {
        await using var inbox = await NotificationInbox.StartAsync();
        var (id, _) = await SettledAsync(inbox, new SimFaults { WaitingFirst = true, NotificationDelayMs = 1500 });
        Assert.Equal(0, inbox.Waiting);

        Assert.Equal("WAITING_CUSTOMER_PAYMENT", (await inbox.NextAsync()).Form["cpm_error_message"].ToString());
        var final = await inbox.NextAsync();
        Assert.Equal((id, "SUCCES"), (Verified(final), final.Form["cpm_error_message"].ToString()));
    }

    [Fact]
    public async Task The_payment_page_in_French_settles_notifies_and_sends_the_browser_back()
    {
        await using var inbox = await NotificationInbox.StartAsync();
        var (id, checkout) = await sim.OpenAsync(inbox.NotifyUrl);
        using var browser = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false });

        var page = await browser.GetStringAsync(checkout.PaymentUrl);
        Assert.Contains("<html lang=\"fr\">", page);
        Assert.Contains("<label for=\"issue-lent\">Réponse lente", page);
        Assert.Contains("5 000 F CFA", page.Replace('\u202f', ' ').Replace('\u00a0', ' '));

        using var incomplete = await browser.PostAsync(checkout.PaymentUrl, new FormUrlEncodedContent([new("moyen", "OM"), new("telephone", "70 99 88 77")]));
        Assert.Equal(HttpStatusCode.BadRequest, incomplete.StatusCode);
        var redisplayed = await incomplete.Content.ReadAsStringAsync();
        Assert.Contains("Choisissez ce qui se passe.", redisplayed);
        Assert.Contains("value=\"70 99 88 77\"", redisplayed);

        using var chosen = await browser.PostAsync(checkout.PaymentUrl, new FormUrlEncodedContent([new("moyen", "OM"), new("telephone", "70 99 88 77"), new("issue", "succes")]));
        Assert.Equal(HttpStatusCode.Redirect, chosen.StatusCode);
        Assert.Equal($"http://127.0.0.1:9/retour?transaction_id={id}&token={checkout.Token}", chosen.Headers.Location!.ToString());
        var notification = await inbox.NextAsync();
        Assert.Equal((id, "70998877"), (Verified(notification), notification.Form["cel_phone_num"].ToString()));
        Assert.Contains("déjà traitée", await browser.GetStringAsync(checkout.PaymentUrl));
    }

    [Fact]
    public async Task The_simulator_lists_a_day_of_transactions()
    {
        await using var inbox = await NotificationInbox.StartAsync();
        var (id, _) = await sim.OpenAsync(inbox.NotifyUrl);
        var today = DateOnly.FromDateTime(DateTime.UtcNow);

        Assert.Contains(id, (await sim.TransactionsAsync(today)).Select(t => t.TransactionId));
        Assert.DoesNotContain(id, (await sim.TransactionsAsync(today.AddDays(-1))).Select(t => t.TransactionId));
        Assert.Equal(HttpStatusCode.BadRequest, (await sim.Control.GetAsync("_sim/transactions?date=26/03/2027")).StatusCode);
    }
}
