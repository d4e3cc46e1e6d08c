using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace EServices.PaySim;

/// <summary>
/// CinetPay's notification: a form POST to notify_url with the 16 fields below, in this order, and the header x-token =
/// HMAC-SHA256 of their values put end to end, keyed by the secret key, in lowercase hex (docs.cinetpay.com, checkout/hmac).
/// The test faults decide whether it is dropped, held, delayed, doubled or signed with a wrong key.
/// </summary>
public sealed class Notifier(SimStore store, IOptions<PaySimOptions> options, IHttpClientFactory clients)
{
    public const string Client = "notify";

    /// <summary>The x-token of a notification's fields.</summary>
    public static string XToken(IEnumerable<KeyValuePair<string, string>> fields, string secretKey) =>
        Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secretKey),
            Encoding.UTF8.GetBytes(string.Concat(fields.Select(f => f.Value)))));

    /// <summary>The fields of a notification about <paramref name="tx"/> as it stands, with its status in cpm_error_message.</summary>
    public List<KeyValuePair<string, string>> Fields(SimTransaction tx, string message) =>
    [
        new("cpm_site_id", options.Value.SiteId), new("cpm_trans_id", tx.TransactionId), new("cpm_trans_date", tx.DateText),
        new("cpm_amount", (tx.PaidAmount ?? tx.Amount).ToString(CultureInfo.InvariantCulture)),
        new("cpm_currency", tx.PaidCurrency ?? tx.Currency), new("signature", tx.Signature), new("payment_method", tx.Method ?? ""),
        new("cel_phone_num", tx.Phone ?? ""), new("cpm_phone_prefixe", "226"), new("cpm_language", "fr"), new("cpm_version", "V4"),
        new("cpm_payment_config", "Single"), new("cpm_page_action", "Payment"), new("cpm_custom", tx.Metadata),
        new("cpm_designation", tx.Description), new("cpm_error_message", message),
    ];

    /// <summary>Tells notify_url of the transaction's new state, as the faults allow; returns once sent (or dropped, held,
    /// scheduled), so that a test settling a transaction finds the notification already delivered.</summary>
    public async Task NotifyAsync(SimTransaction tx)
    {
        var faults = store.FaultsFor(tx.TransactionId);
        var notifications = faults.WaitingFirst == true && tx.IsFinal
            ? [Fields(tx, "WAITING_CUSTOMER_PAYMENT"), Fields(tx, tx.Message)]
            : new[] { Fields(tx, tx.Message) };
        if (faults.NotificationDelayMs is > 0 and var delay)
        {
            // Sent later, in order, by one task.
            _ = Task.Run(async () =>
            {
                await Task.Delay(delay);
                await DispatchAllAsync(tx, notifications, faults);
            });
            return;
        }
        await DispatchAllAsync(tx, notifications, faults);
    }

    /// <summary>Sends the notifications held back for <paramref name="tx"/>, oldest first.</summary>
    public async Task ReleaseAsync(SimTransaction tx)
    {
        var held = store.Change(tx, t => { var list = t.Held.ToList(); t.Held.Clear(); return list; });
        var wrongToken = store.FaultsFor(tx.TransactionId).WrongToken == true;
        foreach (var fields in held)
        {
            await SendAsync(tx, fields, wrongToken);
        }
    }

    /// <summary>Sends one notification of the current state now, whatever the faults; returns notify_url's answer.</summary>
    public Task<string> ResendAsync(SimTransaction tx) => SendAsync(tx, Fields(tx, tx.Message), wrongToken: false);

    private async Task DispatchAllAsync(SimTransaction tx, List<KeyValuePair<string, string>>[] notifications, SimFaults faults)
    {
        foreach (var fields in notifications)
        {
            var message = fields[^1].Value;
            if (faults.DropNotification == true)
            {
                Record(tx, message, "dropped");
            }
            else if (faults.HoldNotification == true)
            {
                store.Change(tx, t => { t.Held.Add(fields); return 0; });
                Record(tx, message, "held");
            }
            else
            {
                await SendAsync(tx, fields, faults.WrongToken == true);
                if (faults.DuplicateNotification == true)
                {
                    await SendAsync(tx, fields, faults.WrongToken == true);
                }
            }
        }
    }

    private async Task<string> SendAsync(SimTransaction tx, List<KeyValuePair<string, string>> fields, bool wrongToken)
    {
        using var post = new HttpRequestMessage(HttpMethod.Post, tx.NotifyUrl) { Content = new FormUrlEncodedContent(fields) };
        post.Headers.Add("x-token", XToken(fields, wrongToken ? "not-" + options.Value.SecretKey : options.Value.SecretKey));
        string outcome;
        try
        {
            using var answer = await clients.CreateClient(Client).SendAsync(post);
            outcome = ((int)answer.StatusCode).ToString(CultureInfo.InvariantCulture);
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException or ObjectDisposedException)
        {
            outcome = "error: " + e.Message;
        }
        Record(tx, fields[^1].Value, wrongToken ? "wrong x-token → " + outcome : outcome);
        return outcome;
    }

    private void Record(SimTransaction tx, string message, string outcome) =>
        store.Change(tx, t => { t.Deliveries.Add(new Delivery(store.Clock.GetUtcNow(), message, outcome)); return 0; });
}
