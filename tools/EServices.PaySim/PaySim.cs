using System.Text.Json.Serialization;
using Microsoft.Extensions.Options;

namespace EServices.PaySim;

/// <summary>
/// A local stand-in for CinetPay's checkout API v2 (CinetPay cannot be reached from development machines and has no
/// sandbox): initialisation, a payment page, signed notifications, the check, plus faults for tests under /_sim.
/// </summary>
public static class PaySim
{
    private static readonly Dictionary<string, string> Switches = new()
    {
        ["--apikey"] = "PaySim:ApiKey", ["--site-id"] = "PaySim:SiteId", ["--secret-key"] = "PaySim:SecretKey",
        ["--port"] = "PaySim:Port", ["--state-file"] = "PaySim:StateFile", ["--slow-delay"] = "PaySim:SlowDelay",
    };

    /// <summary>The simulator, ready to start: on 127.0.0.1 and PaySim:Port (0 takes a free port: read it from
    /// <c>app.Urls</c> after start). <paramref name="clock"/> dates the transactions (a test's clock).</summary>
    public static WebApplication Build(string[] args, TimeProvider? clock = null)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions
        {
            Args = args, ApplicationName = typeof(PaySim).Assembly.GetName().Name, ContentRootPath = AppContext.BaseDirectory,
        });
        builder.Configuration.AddCommandLine(args, Switches);
        builder.Logging.AddFilter("Microsoft", LogLevel.Warning).AddFilter("System.Net.Http", LogLevel.Warning);
        builder.Services.AddOptions<PaySimOptions>().BindConfiguration(PaySimOptions.Section)
            .Validate(o => o.ApiKey.Length > 0 && o.SiteId.Length > 0 && o.SecretKey.Length > 0,
                "PaySim:ApiKey, PaySim:SiteId and PaySim:SecretKey are required (--apikey, --site-id, --secret-key).")
            .ValidateOnStart();
        builder.Services.ConfigureHttpJsonOptions(o => o.SerializerOptions.Converters.Add(new JsonStringEnumConverter()));
        builder.Services.AddSingleton(clock ?? TimeProvider.System);
        builder.Services.AddSingleton<SimStore>();
        builder.Services.AddSingleton<Notifier>();
        builder.Services.AddSingleton<Settlement>();
        builder.Services.AddHttpClient(Notifier.Client, c => c.Timeout = TimeSpan.FromSeconds(10));
        var port = builder.Configuration.GetValue("PaySim:Port", 5082);
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");

        var app = builder.Build();
        app.MapGet("/", (IOptions<PaySimOptions> o) => Results.Text(
            $"Simulateur CinetPay (checkout API v2). site_id {o.Value.SiteId}. POST /v2/payment, POST /v2/payment/check, GET /_sim/transactions.\n"));
        app.MapPost("/v2/payment", CheckoutApi.InitAsync);
        app.MapPost("/v2/payment/check", CheckoutApi.CheckAsync);
        app.MapGet("/paiement/{token}", PaymentPage.Show);
        app.MapPost("/paiement/{token}", PaymentPage.ChooseAsync);
        ControlApi.Map(app);
        return app;
    }
}
