using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;

namespace EServices.PaySim;

/// <summary>
/// CinetPay's checkout API v2 as documented (docs.cinetpay.com: checkout/initialisation, checkout/verification): JSON in,
/// JSON out, the result in a string "code" (201 CREATED, 00 SUCCES, 6xx errors); errors of the request answer HTTP 400.
/// </summary>
public static class CheckoutApi
{
    private static readonly string[] Required = ["transaction_id", "amount", "currency", "description", "notify_url", "return_url", "channels"];
    private static readonly string[] Channels = ["ALL", "MOBILE_MONEY", "CREDIT_CARD", "WALLET"];

    /// <summary>POST /v2/payment: opens a transaction and gives its payment page.</summary>
    public static async Task<IResult> InitAsync(HttpContext http, SimStore store, IOptions<PaySimOptions> options)
    {
        var (body, stop) = await AcceptAsync(http, store, options.Value, f => (f.Init, f.InitDelayMs));
        if (stop is not null)
        {
            return stop;
        }
        var id = Text(body, "transaction_id");
        if (Required.FirstOrDefault(f => string.IsNullOrWhiteSpace(Text(body, f))) is { } missing)
        {
            return Error("608", "MINIMUM_REQUIRED_FIELDS", missing + " is required");
        }
        if (!int.TryParse(Text(body, "amount"), NumberStyles.None, CultureInfo.InvariantCulture, out var amount))
        {
            return Error("611", "ERROR_AMOUNT_TYPE", "amount must be an integer");
        }
        if (amount < 100)
        {
            return Error("641", "ERROR_AMOUNT_TOO_LOW", "amount must be 100 or more");
        }
        if (amount % 5 != 0)
        {
            return Error("611", "ERROR_AMOUNT_TYPE", "amount must be a multiple of 5");
        }
        if (Text(body, "currency") != "XOF")
        {
            return Error("612", "ERROR_CURRENCY_NOTVALID", "currency must be XOF");
        }
        var description = Text(body, "description")!;
        if (description.IndexOfAny(['#', '/', '$', '_', '&']) >= 0)
        {
            return Error("608", "MINIMUM_REQUIRED_FIELDS", "description must not contain # / $ _ &");
        }
        if (!IsWebAddress(Text(body, "notify_url")) || !IsWebAddress(Text(body, "return_url")))
        {
            return Error("608", "MINIMUM_REQUIRED_FIELDS", "notify_url and return_url must be http(s) addresses");
        }
        if (!Text(body, "channels")!.Split(',').All(c => Channels.Contains(c.Trim())))
        {
            return Error("608", "MINIMUM_REQUIRED_FIELDS", "channels must be ALL, MOBILE_MONEY, CREDIT_CARD or WALLET");
        }
        var tx = new SimTransaction
        {
            TransactionId = id!, Token = SimStore.NewToken(), Amount = amount, Currency = "XOF", Description = description,
            Metadata = Text(body, "metadata") ?? "", NotifyUrl = Text(body, "notify_url")!, ReturnUrl = Text(body, "return_url")!,
            CreatedAt = store.Clock.GetUtcNow(), Signature = SimStore.NewToken(),
        };
        if (!store.TryAdd(tx))
        {
            return Error("620", "ERROR_DOUBLE_PAYEMNT", "transaction_id already used");
        }
        return Results.Json(new JsonObject
        {
            ["code"] = "201", ["message"] = "CREATED", ["description"] = "Transaction created with success",
            ["data"] = new JsonObject
            {
                ["payment_token"] = tx.Token,
                ["payment_url"] = $"{http.Request.Scheme}://{http.Request.Host}/paiement/{tx.Token}",
            },
            ["api_response_id"] = ResponseId(store),
        });
    }

    /// <summary>POST /v2/payment/check: what became of a transaction (by transaction_id, or by token).</summary>
    public static async Task<IResult> CheckAsync(HttpContext http, SimStore store, IOptions<PaySimOptions> options)
    {
        var (body, stop) = await AcceptAsync(http, store, options.Value, f => (f.Check, f.CheckDelayMs));
        if (stop is not null)
        {
            return stop;
        }
        var id = Text(body, "transaction_id");
        var tx = id is not null ? store.Find(id) : Text(body, "token") is { } token ? store.FindByToken(token) : null;
        if (tx is null)
        {
            return id is null && Text(body, "token") is null
                ? Error("608", "MINIMUM_REQUIRED_FIELDS", "transaction_id is required")
                : Results.Json(new JsonObject { ["code"] = "627", ["message"] = "TRANSACTION_CANCEL", ["description"] = "transaction not found", ["api_response_id"] = ResponseId(store) });
        }
        var paid = tx.Status == Statuses.Accepted;
        return Results.Json(new JsonObject
        {
            ["code"] = tx.Code, ["message"] = tx.Message,
            ["data"] = new JsonObject
            {
                ["amount"] = (tx.PaidAmount ?? tx.Amount).ToString(CultureInfo.InvariantCulture),
                ["currency"] = tx.PaidCurrency ?? tx.Currency,
                ["status"] = tx.Status == Statuses.Created ? Statuses.Waiting : tx.Status,
                ["payment_method"] = tx.Method, ["description"] = tx.Description, ["metadata"] = tx.Metadata,
                ["operator_id"] = paid ? tx.OperatorId : null,
                // A blank string when nothing was paid, as in the documentation's failure example.
                ["payment_date"] = paid ? Date(tx.PaymentDate!.Value) : " ",
                ["fund_availability_date"] = paid ? Date(tx.PaymentDate!.Value.AddDays(2)) : " ",
                ["phone_number"] = tx.Phone, ["phone_prefix"] = tx.Phone is null ? null : "226",
            },
            ["api_response_id"] = ResponseId(store),
        });
    }

    /// <summary>The JSON body, after the test faults of this call (by the transaction id it names) and the merchant's keys;
    /// or the answer that ends the call there.</summary>
    private static async Task<(JsonElement Body, IResult? Stop)> AcceptAsync(HttpContext http, SimStore store, PaySimOptions options,
        Func<SimFaults, (SimFailure?, int?)> fault)
    {
        if (await ReadAsync(http) is not { } body)
        {
            return (default, Error("608", "MINIMUM_REQUIRED_FIELDS", "body is not a JSON object"));
        }
        var (failure, delayMs) = fault(store.FaultsFor(Text(body, "transaction_id") ?? ""));
        var stop = await Faults.FailAsync(http, failure, delayMs)
            ?? (Text(body, "apikey") != options.ApiKey ? Error("609", "AUTH_NOT_FOUND", "apikey not found")
            : Text(body, "site_id") != options.SiteId ? Error("613", "ERROR_SITE_ID_NOTVALID", "site_id not valid")
            : null);
        return (body, stop);
    }

    private static async Task<JsonElement?> ReadAsync(HttpContext http)
    {
        try
        {
            var body = await JsonSerializer.DeserializeAsync<JsonElement>(http.Request.Body, cancellationToken: http.RequestAborted);
            return body.ValueKind == JsonValueKind.Object ? body : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>A field as text: strings as they are, numbers as written (site_id and amount come either way).</summary>
    private static string? Text(JsonElement body, string name) =>
        !body.TryGetProperty(name, out var value) ? null
        : value.ValueKind == JsonValueKind.String ? value.GetString()
        : value.ValueKind == JsonValueKind.Number ? value.GetRawText()
        : null;

    private static bool IsWebAddress(string? text) =>
        Uri.TryCreate(text, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps);

    private static string Date(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);

    private static string ResponseId(SimStore store) =>
        (store.Clock.GetUtcNow().ToUnixTimeMilliseconds() / 1000.0).ToString("0.0000", CultureInfo.InvariantCulture);

    private static IResult Error(string code, string message, string description) =>
        Results.Json(new JsonObject { ["code"] = code, ["message"] = message, ["description"] = description, ["api_response_id"] = "0" },
            statusCode: StatusCodes.Status400BadRequest);
}

/// <summary>The init and check faults: a delay first, then an HTTP 500 or a closed connection.</summary>
public static class Faults
{
    public static async Task<IResult?> FailAsync(HttpContext http, SimFailure? failure, int? delayMs)
    {
        if (delayMs is > 0)
        {
            try
            {
                await Task.Delay(delayMs.Value, http.RequestAborted);
            }
            catch (OperationCanceledException)
            {
                return Results.Empty;
            }
        }
        switch (failure)
        {
            case SimFailure.Error:
                return Results.Text("Internal Server Error", statusCode: StatusCodes.Status500InternalServerError);
            case SimFailure.Close:
                http.Abort();
                return Results.Empty;
            default:
                return null;
        }
    }
}
