using EServices.Tests.Features.Filing;
using EServices.Tests.Infrastructure;
using EServices.Web.Data.Seed;
using EServices.Web.Features.PersonalData;
using EServices.Web.Payments;
using Microsoft.Extensions.DependencyInjection;

namespace EServices.Tests.Payments;

/// <summary>What the payment tests do on any portal (scripted provider or simulator): an applicant up to the payment
/// page, a pass of the jobs, and the ledger's rule.</summary>
public static class PaymentSteps
{
    /// <summary>The seed's fee procedure: « Inscription à un concours direct », 5 000 FCFA.</summary>
    public const string Slug = "inscription-concours-direct";

    public const int Fee = 5000;

    public static ShiftedClock Clock(this HostFixture host) => (ShiftedClock)host.Services.GetRequiredService<TimeProvider>();

    /// <summary>One pass of the reconciliation job (a new instance on this host: it claims what is due, like every node's).</summary>
    public static Task ReconcileAsync(this HostFixture host) => ActivatorUtilities.CreateInstance<ReconciliationJob>(host.Services).RunOnceAsync(CancellationToken.None);

    /// <summary>Moves the clock past the attempts' next check, runs a reconciliation pass, moves it back.</summary>
    public static async Task ReconcileLaterAsync(this HostFixture host, TimeSpan later)
    {
        host.Clock().Advance(later);
        try
        {
            await host.ReconcileAsync();
        }
        finally
        {
            host.Clock().Advance(-later);
        }
    }

    /// <summary>The tracking number of the draft (it fails while there is none).</summary>
    public static async Task<string> NumberAsync(this HostFixture host, Guid draftId) =>
        (string)(await host.ScalarAsync("SELECT number FROM requests WHERE id = @id", ("id", draftId)))!;

    /// <summary>A pass of the unpaid drafts' expiry (part of the retention pass).</summary>
    public static async Task<int> ExpireUnpaidDraftsAsync(this HostFixture host)
    {
        using var scope = host.Services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<Erasure>().ExpireUnpaidDraftsAsync(CancellationToken.None);
    }

    /// <summary>A new applicant fills the fee procedure and presses « Payer et déposer »: the payment page.</summary>
    public static async Task<Payer> AwaitingPaymentAsync(this HostFixture host, WebSession? session = null)
    {
        session ??= host.NewSession();
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

    /// <summary>A procedure with a fee waits on its payment page; a cashier records a Treasury receipt for its code, and the
    /// page then leads to the filed request.</summary>
    public static async Task<Page> PayAtCounterAsync(this HostFixture host, WebSession session, Page paymentPage, int fee)
    {
        var code = System.Text.RegularExpressions.Regex.Match(paymentPage.Text, "donnez le code (P-[2-9A-Z]{8})").Groups[1].Value;
        using (var scope = host.Services.CreateScope())
        {
            var (outcome, _) = await scope.ServiceProvider.GetRequiredService<PaymentLedger>()
                .RecordCounterReceiptAsync(code, "Q-" + Guid.NewGuid().ToString("N")[..10], fee, "caissier-de-test", CancellationToken.None);
            Assert.Equal(PaymentLedger.CounterOutcome.Filed, outcome);
        }

        return await session.GetAsync(paymentPage.Url);
    }

    /// <summary>What every fault test ends with: every paid attempt that counts filed exactly one request, whose payment it
    /// is; nothing unpaid is filed; every other paid attempt is flagged.</summary>
    public static async Task AssertLedgerHoldsAsync(this HostFixture host)
    {
        Assert.Equal(0L, await host.ScalarAsync("""
            SELECT count(*) FROM payments p WHERE p.status = 'Paid' AND p.flag = 'None'
              AND (SELECT count(*) FROM requests r WHERE r.payment_id = p.id AND r.status <> 'Draft' AND r.number IS NOT NULL) <> 1
            """));
        Assert.Equal(0L, await host.ScalarAsync("""
            SELECT count(*) FROM requests r WHERE r.fee_due > 0 AND r.status <> 'Draft'
              AND NOT EXISTS (SELECT 1 FROM payments p WHERE p.id = r.payment_id AND p.status = 'Paid' AND p.flag = 'None')
            """));
        Assert.Equal(0L, await host.ScalarAsync("""
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
