using System.Security.Cryptography;
using System.Text;
using EServices.Tests.Features.Filing;
using EServices.Tests.Infrastructure;
using EServices.Web.Data.Seed;
using EServices.Web.Features.PersonalData;
using EServices.Web.Payments;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace EServices.Tests.Payments;

/// <summary>The portal with a payment provider the tests script (<see cref="ScriptedProvider"/>) and a known secret key
/// for the notifications' x-token. The reconciliation job is driven by the tests (<see cref="ReconcileAsync"/>).</summary>
public sealed class PaymentHost : HostFixture
{
    public const string Secret = "secret-de-test-des-notifications";

    /// <summary>The seed's fee procedure: « Inscription à un concours direct », 5 000 FCFA.</summary>
    public const string Slug = "inscription-concours-direct";

    public const int Fee = 5000;

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
            services.RemoveAll<IPaymentProvider>();
            services.AddSingleton<IPaymentProvider>(Provider);
            services.TryAddScoped<PaymentLedger>();
        });
    }

    public ShiftedClock Clock => (ShiftedClock)Services.GetRequiredService<TimeProvider>();

    /// <summary>One pass of the reconciliation job (a new instance on this host: it claims what is due, like every node's).</summary>
    public Task ReconcileAsync() => ActivatorUtilities.CreateInstance<ReconciliationJob>(Services).RunOnceAsync(CancellationToken.None);

    /// <summary>A pass of the unpaid drafts' expiry (part of the retention pass).</summary>
    public async Task<int> ExpireUnpaidDraftsAsync()
    {
        using var scope = Services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<Erasure>().ExpireUnpaidDraftsAsync(CancellationToken.None);
    }

    /// <summary>A new applicant fills the fee procedure and presses « Payer et déposer »: the payment page.</summary>
    public async Task<Payer> AwaitingPaymentAsync()
    {
        var session = NewSession();
        var user = await TestUsers.SignUpAsync(session);
        var paying = await ToPaymentPageAsync(session);
        return new Payer(session, user, Guid.Parse(paying.Url.Split('/')[^2]), paying);
    }

    /// <summary>The signed-in applicant fills the fee procedure and presses « Payer et déposer ».</summary>
    public static async Task<Page> ToPaymentPageAsync(WebSession session)
    {
        var procedure = CatalogueSeed.Load().Procedures.Single(p => p.Slug == Slug);
        var page = await session.SubmitAsync(await session.GetAsync($"/demarches/{Slug}"), "Commencer la démarche");
        foreach (var step in procedure.Form!.Steps)
        {
            var files = step.Fields.Where(f => f.Type == FieldType.File).ToDictionary(f => f.Key, f => TestFiles.Pdf($"{f.Key}.pdf"));
            page = await session.SubmitAsync(page, "Continuer", step.Fields.SelectMany(EveryFormTests.Sample).ToList(), files);
        }

        return await session.SubmitAsync(page, "Payer et déposer", [("declaration", "oui")]);
    }

    /// <summary>« Payer par mobile money »: the attempt's transaction id, from the provider's page the portal sent to.</summary>
    public static async Task<string> OpenAsync(WebSession session, Page paymentPage)
    {
        var sent = await session.SubmitAsync(paymentPage, "Payer par mobile money", follow: false);
        Assert.Equal(System.Net.HttpStatusCode.SeeOther, sent.Status);
        return sent.Location!.Split('/')[^1];
    }

    /// <summary>The notification CinetPay posts, its 16 fields signed with <paramref name="secret"/>.</summary>
    public static HttpRequestMessage Notification(string transactionId, string secret = Secret, int amount = Fee)
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

    /// <summary>What every fault test ends with: every paid attempt that counts filed exactly one request, whose payment it
    /// is; nothing unpaid is filed; every other paid attempt is flagged.</summary>
    public async Task AssertLedgerHoldsAsync()
    {
        Assert.Equal(0L, await this.ScalarAsync("""
            SELECT count(*) FROM payments p WHERE p.status = 'Paid' AND p.flag = 'None'
              AND (SELECT count(*) FROM requests r WHERE r.payment_id = p.id AND r.status <> 'Draft' AND r.number IS NOT NULL) <> 1
            """));
        Assert.Equal(0L, await this.ScalarAsync("""
            SELECT count(*) FROM requests r WHERE r.fee_due > 0 AND r.status <> 'Draft'
              AND NOT EXISTS (SELECT 1 FROM payments p WHERE p.id = r.payment_id AND p.status = 'Paid' AND p.flag = 'None')
            """));
        Assert.Equal(0L, await this.ScalarAsync("""
            SELECT count(*) FROM payments p WHERE p.status = 'Paid' AND p.flag = 'None'
              AND EXISTS (SELECT 1 FROM payments q WHERE q.request_id = p.request_id AND q.id <> p.id AND q.status = 'Paid' AND q.flag = 'None')
            """));
    }
}

/// <summary>An applicant on the payment page of their draft.</summary>
public sealed record Payer(WebSession Session, TestUser User, Guid DraftId, Page PaymentPage)
{
    public string PaymentPath => $"/brouillons/{DraftId}/paiement";
}

[CollectionDefinition(Name)]
public sealed class PaymentCollection : ICollectionFixture<PaymentHost>
{
    public const string Name = "payments";
}
