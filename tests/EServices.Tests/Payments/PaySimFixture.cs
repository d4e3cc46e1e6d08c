using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization;
using EServices.PaySim;
using EServices.Web.Payments;
using EServices.Web.Payments.CinetPay;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace EServices.Tests.Payments;

/// <summary>
/// The CinetPay simulator (tools/EServices.PaySim), in this process on a free loopback port, with test keys; and the
/// controls a test drives it with: faults per transaction, settling without a browser, releasing or re-sending a
/// notification, its own list of transactions. A portal under test points at it with <see cref="PortalSettings"/>.
/// </summary>
public class PaySimFixture : IAsyncLifetime
{
    public const string ApiKey = "test-apikey-4f1c9a", SiteId = "445566", SecretKey = "test-secret-key-8d2e7b41c0a9f356";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };

    private WebApplication? _app;

    public Uri BaseUrl { get; private set; } = null!;

    /// <summary>Talks to the simulator's controls (/_sim/…).</summary>
    public HttpClient Control { get; private set; } = null!;

    /// <summary>The clock that dates the simulator's transactions (a portal's test clock, in a subclass).</summary>
    protected virtual TimeProvider Clock => TimeProvider.System;

    /// <summary>The portal's Payments:CinetPay:* settings for this simulator.</summary>
    public IReadOnlyDictionary<string, string> PortalSettings => new Dictionary<string, string>
    {
        ["Payments:CinetPay:BaseUrl"] = BaseUrl.ToString(), ["Payments:CinetPay:ApiKey"] = ApiKey,
        ["Payments:CinetPay:SiteId"] = SiteId, ["Payments:CinetPay:SecretKey"] = SecretKey,
    };

    public async Task InitializeAsync()
    {
        _app = PaySim.PaySim.Build(["--port", "0", "--apikey", ApiKey, "--site-id", SiteId, "--secret-key", SecretKey], Clock);
        await _app.StartAsync();
        BaseUrl = new Uri(_app.Urls.Single() + "/");
        Control = new HttpClient { BaseAddress = BaseUrl };
    }

    public async Task DisposeAsync()
    {
        Control.Dispose();
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }
    }

    public static string NewTransactionId() => "T" + Guid.NewGuid().ToString("N")[..20];

    /// <summary>A client of the simulator, as the portal configures one; <paramref name="baseUrl"/> overrides the address.</summary>
    public CinetPayProvider Provider(TimeSpan? timeout = null, string apiKey = ApiKey, string? baseUrl = null) =>
        new(new HttpClient(), Options.Create(new PaymentOptions
        {
            CinetPay = new CinetPayOptions
            {
                BaseUrl = baseUrl ?? BaseUrl.ToString(), ApiKey = apiKey, SiteId = SiteId, SecretKey = SecretKey,
                Timeout = timeout ?? TimeSpan.FromSeconds(5),
            },
        }), NullLogger<CinetPayProvider>.Instance);

    /// <summary>Faults for one transaction id, before or after its initialisation.</summary>
    public async Task FaultsAsync(string transactionId, SimFaults faults) =>
        (await Control.PutAsJsonAsync($"_sim/transactions/{transactionId}/faults", faults, Json)).EnsureSuccessStatusCode();

    /// <summary>What the payer does, without a browser; returns once the notifications are sent (unless held or delayed).</summary>
    public async Task<SimTransaction> SettleAsync(string transactionId, Outcome outcome, string method = "OM")
    {
        using var answer = await Control.PostAsJsonAsync($"_sim/transactions/{transactionId}/settle", new ControlApi.SettleOrder(outcome, method), Json);
        answer.EnsureSuccessStatusCode();
        return (await answer.Content.ReadFromJsonAsync<SimTransaction>(Json))!;
    }

    public async Task<SimTransaction> TransactionAsync(string transactionId) =>
        (await Control.GetFromJsonAsync<SimTransaction>($"_sim/transactions/{transactionId}", Json))!;

    /// <summary>The simulator's own list of one day's transactions (the "provider's list" of the daily report).</summary>
    public async Task<List<SimTransaction>> TransactionsAsync(DateOnly day) =>
        (await Control.GetFromJsonAsync<List<SimTransaction>>($"_sim/transactions?date={day:yyyy-MM-dd}", Json))!;

    /// <summary>Sends the notifications held back by <see cref="SimFaults.HoldNotification"/>.</summary>
    public async Task ReleaseAsync(string transactionId) =>
        (await Control.PostAsync($"_sim/transactions/{transactionId}/release", null)).EnsureSuccessStatusCode();

    /// <summary>Sends the notification of the transaction's current state once more.</summary>
    public async Task ResendAsync(string transactionId) =>
        (await Control.PostAsync($"_sim/transactions/{transactionId}/notify", null)).EnsureSuccessStatusCode();

    /// <summary>Opens a transaction of <paramref name="amount"/> through the portal's client.</summary>
    public async Task<(string TransactionId, Checkout Checkout)> OpenAsync(Uri notifyUrl, int amount = 5000, string? transactionId = null)
    {
        var id = transactionId ?? NewTransactionId();
        var order = new CheckoutOrder(id, amount, "XOF", "Concours 2027 : frais d'inscription", notifyUrl, new Uri("http://127.0.0.1:9/retour"), null);
        return (id, await Provider().OpenAsync(order, CancellationToken.None));
    }
}

[CollectionDefinition(Name)]
public sealed class PaySimCollection : ICollectionFixture<PaySimFixture>
{
    public const string Name = "paysim";
}
