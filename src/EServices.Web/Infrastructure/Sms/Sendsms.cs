using System.Globalization;
using System.Net;
using Microsoft.Extensions.Options;

namespace EServices.Web.Infrastructure.Sms;

/// <summary>What the gateway made of one SMS.</summary>
public enum SendOutcome
{
    /// <summary>202: Kannel took it (sent now, or queued until its SMS centre is back).</summary>
    Accepted,

    /// <summary>Unreachable, timed out, 5xx: try again later.</summary>
    Later,

    /// <summary>4xx: Kannel refuses this message (credentials, number); sending it again changes nothing.</summary>
    Refused,
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
        try
        {
            using var response = await clients.CreateClient(Client).GetAsync(url, ct);
            var status = (int)response.StatusCode;
            if (response.StatusCode == HttpStatusCode.Accepted)
            {
                return (SendOutcome.Accepted, null);
            }

            var said = Said(await response.Content.ReadAsStringAsync(ct));
            return (status is >= 400 and < 500 ? SendOutcome.Refused : SendOutcome.Later, $"sendsms {status}: {said}");
        }
        catch (Exception ex) when (ex is HttpRequestException || (ex is TaskCanceledException && !ct.IsCancellationRequested))
        {
            return (SendOutcome.Later, ex.Message);
        }
    }

    private static string Said(string body) => body.Length > 200 ? body[..200] : body.Trim();
}
