using System.Globalization;
using System.Net;
using Microsoft.Extensions.Options;

namespace EServices.Web.Infrastructure.Sms;

/// <summary>What the gateway made of one SMS.</summary>
public enum SendOutcome
{
    /// <summary>202: Kannel took it (sent now, or queued until its SMS centre is back).</summary>
    Accepted,

    /// <summary>Unreachable (the request never left), 5xx: try again later.</summary>
    Later,

    /// <summary>400: Kannel refuses this message (its number); sending it again changes nothing.</summary>
    Refused,

    /// <summary>Another 4xx (401, 403: credentials, allowed addresses; 404: address): the portal's settings are wrong,
    /// not the message. Tried again later, like an outage, so that fixing the setting sends what waits.</summary>
    Misconfigured,

    /// <summary>No answer in time, or the connection broke after the request went: Kannel may have taken it.</summary>
    Uncertain,
}

/// <summary>Hands one SMS to Kannel's smsbox (its HTTP sendsms interface), asking for delivery reports back to the portal.</summary>
public sealed class Sendsms(IHttpClientFactory clients, IOptions<SmsOptions> options)
{
    public const string Client = "kannel";

    // Reports 1 (delivered to the phone), 2 (not delivered), 8 (taken by the SMS centre) and 16 (refused by it).
    private const int DlrMask = 1 + 2 + 8 + 16;

    public async Task<(SendOutcome Outcome, string? Error)> SendAsync(OutboxSms sms, CancellationToken ct)
    {
        var settings = options.Value;
        var report = $"{settings.CallbackUrl?.TrimEnd('/')}/sms/dlr?id={sms.Id}&s=%d&sig={SmsCallbacks.Sign(settings.CallbackSecret ?? "", sms.Id)}";
        var query = new List<(string, string?)>
        {
            ("username", settings.UserName), ("password", settings.Password), ("to", sms.To), ("from", settings.From), ("text", sms.Text),
            // Kannel reads UCS-2 text as UTF-16 unless told the charset, and turns what GSM-7 lacks into '?'.
            ("coding", sms.Coding == SmsCoding.Ucs2 ? "2" : "0"), ("charset", "UTF-8"),
            ("dlr-mask", DlrMask.ToString(CultureInfo.InvariantCulture)), ("dlr-url", report),
        };
        var url = settings.SendSmsUrl + "?" + string.Join('&', query.Select(p => $"{p.Item1}={Uri.EscapeDataString(p.Item2 ?? "")}"));
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(ct);
        deadline.CancelAfter(settings.SendTimeout);
        try
        {
            using var response = await clients.CreateClient(Client).GetAsync(url, deadline.Token);
            var status = (int)response.StatusCode;
            if (response.StatusCode == HttpStatusCode.Accepted)
            {
                return (SendOutcome.Accepted, null);
            }

            var said = Said(await response.Content.ReadAsStringAsync(deadline.Token));
            var outcome = status switch
            {
                400 => SendOutcome.Refused,
                >= 400 and < 500 => SendOutcome.Misconfigured,
                _ => SendOutcome.Later,
            };
            return (outcome, $"sendsms {status}: {said}");
        }
        catch (HttpRequestException ex) when (ex.HttpRequestError is HttpRequestError.ConnectionError or HttpRequestError.NameResolutionError)
        {
            return (SendOutcome.Later, ex.Message);
        }
        catch (Exception ex) when (ex is HttpRequestException || (ex is OperationCanceledException && !ct.IsCancellationRequested))
        {
            // Sent, but no answer: smsbox may have passed it on. Releasing it would send it twice.
            return (SendOutcome.Uncertain, ex is OperationCanceledException ? $"sendsms: no answer within {settings.SendTimeout.TotalSeconds:0.#} s" : ex.Message);
        }
    }

    private static string Said(string body) => body.Length > 200 ? body[..200] : body.Trim();
}
