using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;

namespace EServices.Web.Payments.CinetPay;

/// <summary>
/// CinetPay's checkout API v2 (docs.cinetpay.com: initialisation, verification). Every answer carries a string "code"
/// (201 CREATED, 00 SUCCES, 6xx…), read whatever the HTTP status; a server error, no answer within
/// <see cref="CinetPayOptions.Timeout"/> or something that is not JSON is the provider's fault, never an exception.
/// </summary>
public sealed partial class CinetPayProvider(HttpClient http, IOptions<PaymentOptions> options, ILogger<CinetPayProvider> log) : IPaymentProvider
{
    public const string KeysRequired =
        "Payments:CinetPay:ApiKey, SiteId and SecretKey (env Payments__CinetPay__ApiKey…) must be set when " +
        "Payments:CinetPay:BaseUrl is: without the secret key no notification can be verified. / Les clés CinetPay doivent " +
        "être définies quand Payments:CinetPay:BaseUrl l'est.";

    /// <summary>Not finished yet: the transaction exists and waits for the payer or the operator (604: a wrong OTP, the payer may retry).</summary>
    private static readonly string[] Waiting = ["201", "623", "662", "663", "664", "604"];

    /// <summary>Answers about the merchant's settings or CinetPay's own trouble, not about the transaction (service
    /// unavailable, settings, fields, apikey, site_id, unknown error): concluding "refused" from them could drop a payment.</summary>
    private static readonly string[] NotAboutTheTransaction = ["603", "606", "608", "609", "613", "624"];

    private readonly CinetPayOptions _settings = options.Value.CinetPay;

    public string Name => "cinetpay";

    /// <summary>Keys for the configured account, or no account at all (then online payment is off).</summary>
    public static bool HasKeys(CinetPayOptions o) =>
        string.IsNullOrWhiteSpace(o.BaseUrl) || !(string.IsNullOrWhiteSpace(o.ApiKey) || string.IsNullOrWhiteSpace(o.SiteId) || string.IsNullOrWhiteSpace(o.SecretKey));

    public async Task<Checkout> OpenAsync(CheckoutOrder order, CancellationToken ct)
    {
        var body = new JsonObject
        {
            ["apikey"] = _settings.ApiKey, ["site_id"] = _settings.SiteId, ["transaction_id"] = order.TransactionId,
            ["amount"] = order.Amount, ["currency"] = order.Currency, ["description"] = Describe(order.Description),
            ["notify_url"] = order.NotifyUrl.AbsoluteUri, ["return_url"] = order.ReturnUrl.AbsoluteUri,
            ["channels"] = _settings.Channels, ["lang"] = "fr", ["metadata"] = order.TransactionId,
        };
        if (!string.IsNullOrEmpty(order.PayerPhone))
        {
            body["customer_phone_number"] = order.PayerPhone;
        }
        var (json, fault) = await PostAsync("v2/payment", body, ct);
        if (json is not { } answer)
        {
            return Checkout.Refused(fault!);
        }
        var code = Text(answer, "code");
        var data = Data(answer);
        if (code == "201" && Text(data, "payment_url") is { Length: <= 500 } url && IsWebAddress(url) && Text(data, "payment_token") is { Length: <= 200 } token)
        {
            return Checkout.Opened(url, token);
        }
        return Checkout.Refused(code is null ? "réponse illisible" : Said(code, answer, data));
    }

    public async Task<PaymentCheck> CheckAsync(string transactionId, CancellationToken ct)
    {
        var body = new JsonObject { ["apikey"] = _settings.ApiKey, ["site_id"] = _settings.SiteId, ["transaction_id"] = transactionId };
        var (json, fault) = await PostAsync("v2/payment/check", body, ct);
        if (json is not { } answer || Text(answer, "code") is not { } code)
        {
            return new PaymentCheck(CheckVerdict.Unreachable, fault ?? "réponse illisible");
        }
        var data = Data(answer);
        var status = Text(data, "status");
        var said = Said(code, answer, data);
        if (code == "00" && status == "ACCEPTED")
        {
            return new PaymentCheck(CheckVerdict.Paid, said, Amount(Text(data, "amount")), Clip(Text(data, "currency"), 8),
                Clip(Text(data, "payment_method"), 20), Clip(Text(data, "operator_id"), 100), Phone(data), PaidAt(Text(data, "payment_date")));
        }
        // A success code with a status that is not ACCEPTED (WAITING_…, or one never seen) is not a conclusion either.
        var verdict = Waiting.Contains(code) || code == "00" || status?.StartsWith("WAITING", StringComparison.Ordinal) == true ? CheckVerdict.Pending
            : NotAboutTheTransaction.Contains(code) ? CheckVerdict.Unreachable
            : CheckVerdict.Refused;
        return new PaymentCheck(verdict, said, Amount(Text(data, "amount")), Clip(Text(data, "currency"), 8), Clip(Text(data, "payment_method"), 20));
    }

    /// <summary>One call: the JSON answer, or why there is none (in French, for the operators).</summary>
    private async Task<(JsonElement? Json, string? Fault)> PostAsync(string path, JsonObject body, CancellationToken ct)
    {
        if (!Uri.TryCreate(_settings.BaseUrl.TrimEnd('/') + "/", UriKind.Absolute, out var baseUrl) || !IsWebAddress(baseUrl.AbsoluteUri))
        {
            return (null, "paiement en ligne non configuré");
        }
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(_settings.Timeout);
        try
        {
            using var response = await http.PostAsJsonAsync(new Uri(baseUrl, path), body, timeout.Token);
            if ((int)response.StatusCode >= 500)
            {
                LogFault(log, path, $"HTTP {(int)response.StatusCode}");
                return (null, $"CinetPay en erreur (HTTP {(int)response.StatusCode})");
            }
            var json = await response.Content.ReadFromJsonAsync<JsonElement>(timeout.Token);
            return json.ValueKind == JsonValueKind.Object ? (json, null) : (null, "réponse illisible");
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            LogFault(log, path, "timeout");
            return (null, string.Create(CultureInfo.GetCultureInfo("fr-FR"), $"CinetPay n'a pas répondu en {_settings.Timeout.TotalSeconds:0.#} s"));
        }
        catch (HttpRequestException e)
        {
            LogFault(log, path, e.Message);
            return (null, "CinetPay injoignable");
        }
        catch (Exception e) when (e is JsonException or NotSupportedException)
        {
            LogFault(log, path, "not JSON");
            return (null, "réponse illisible");
        }
    }

    /// <summary>CinetPay refuses # / $ _ &amp; in a description.</summary>
    private static string Describe(string description)
    {
        var plain = string.Join(' ', description.Split(['#', '/', '$', '_', '&', ' ', '\t', '\r', '\n'], StringSplitOptions.RemoveEmptyEntries));
        return plain.Length == 0 ? "Paiement" : plain[..Math.Min(plain.Length, 100)];
    }

    private static JsonElement Data(JsonElement answer) =>
        answer.TryGetProperty("data", out var data) && data.ValueKind == JsonValueKind.Object ? data : default;

    /// <summary>A field as text: codes and amounts come as strings, but a number is read as written.</summary>
    private static string? Text(JsonElement json, string name) =>
        json.ValueKind != JsonValueKind.Object || !json.TryGetProperty(name, out var value) ? null
        : value.ValueKind == JsonValueKind.String ? value.GetString()
        : value.ValueKind == JsonValueKind.Number ? value.GetRawText()
        : null;

    /// <summary>"00 SUCCES (ACCEPTED)", "627 TRANSACTION_CANCEL (REFUSED)": what is kept on the attempt.</summary>
    private static string Said(string code, JsonElement answer, JsonElement data) =>
        Clip(string.Join(' ', new[] { code, Text(answer, "message"), Text(data, "status") is { Length: > 0 } s ? $"({s})" : null }
            .Where(p => !string.IsNullOrWhiteSpace(p))), 200)!;

    /// <summary>"5000" (or "5000.00") → 5000; anything else, or a fraction, is no amount (so it cannot match).</summary>
    private static int? Amount(string? text) =>
        decimal.TryParse(text, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var amount)
        && amount == decimal.Truncate(amount) && amount <= int.MaxValue ? (int)amount : null;

    /// <summary>"2022-09-15 22:57:15", in Africa/Ouagadougou time, which is UTC all year; " " when nothing was paid.</summary>
    private static DateTimeOffset? PaidAt(string? text) =>
        DateTime.TryParseExact(text, "yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var at)
            ? new DateTimeOffset(at, TimeSpan.Zero) : null;

    private static string? Phone(JsonElement data) =>
        Text(data, "phone_number") is { Length: > 0 } number
            ? Clip(Text(data, "phone_prefix") is { Length: > 0 } prefix ? $"+{prefix}{number}" : number, 20)
            : null;

    private static string? Clip(string? text, int length) => text is null || text.Length <= length ? text : text[..length];

    private static bool IsWebAddress(string text) =>
        Uri.TryCreate(text, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp);

    [LoggerMessage(Level = LogLevel.Warning, Message = "CinetPay {Path}: {Fault}")]
    private static partial void LogFault(ILogger logger, string path, string fault);
}
