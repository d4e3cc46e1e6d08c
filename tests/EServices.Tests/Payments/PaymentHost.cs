using System.Security.Cryptography;
using System.Text;
using EServices.Tests.Infrastructure;
using EServices.Web.Payments;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace EServices.Tests.Payments;

/// <summary>The portal with a payment provider the tests script (<see cref="ScriptedProvider"/>) and a known secret key
/// for the notifications' x-token. The reconciliation job is driven by the tests (<see cref="PaymentSteps.ReconcileAsync"/>).</summary>
public sealed class PaymentHost : HostFixture
{
    public const string Secret = "secret-de-test-des-notifications";

    public PaymentHost() => Provider = new ScriptedProvider();

    /// <summary>Another portal process on the same database, files, clock and provider (not migrating: the first did).</summary>
    private PaymentHost(PaymentHost first)
        : base(first, migrates: false) => Provider = first.Provider;

    public ScriptedProvider Provider { get; }

    /// <summary>A second instance of the portal (started by the caller with InitializeAsync), as after a restart.</summary>
    public PaymentHost SecondInstance() => new(this);

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Payments:CinetPay:SecretKey", Secret);
        builder.UseSetting("Payments:ReconcileEvery", "01:00:00"); // the tests run the passes themselves
        builder.ConfigureServices(services =>
        {
            services.Replace(ServiceDescriptor.Singleton<IPaymentProvider>(Provider));
        });
    }

    /// <summary>The notification CinetPay posts, its 16 fields signed with <paramref name="secret"/>.</summary>
    public static HttpRequestMessage Notification(string transactionId, string secret = Secret, int amount = PaymentSteps.Fee)
    {
        string[] names =
        [
            "cpm_site_id", "cpm_trans_id", "cpm_trans_date", "cpm_amount", "cpm_currency", "signature", "payment_method",
            "cel_phone_num", "cpm_phone_prefixe", "cpm_language", "cpm_version", "cpm_payment_config", "cpm_page_action",
            "cpm_custom", "cpm_designation", "cpm_error_message",
        ];
        string[] values =
        [
            "105900", transactionId, "2027-03-26 10:01:00", amount.ToString(System.Globalization.CultureInfo.InvariantCulture), "XOF", "sig123", "OM",
            "70000000", "226", "fr", "V4", "Single", "Payment", "", "Inscription à un concours direct", "SUCCES",
        ];
        var token = Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes(string.Concat(values))));
        var request = new HttpRequestMessage(HttpMethod.Post, PaymentLedger.NotifyPath)
        {
            Content = new FormUrlEncodedContent(names.Zip(values, KeyValuePair.Create)),
        };
        request.Headers.Add("x-token", token);
        return request;
    }
}

[CollectionDefinition(Name)]
public sealed class PaymentCollection : ICollectionFixture<PaymentHost>
{
    public const string Name = "applicant-payments";
}
