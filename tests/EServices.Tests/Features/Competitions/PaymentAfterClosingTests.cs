using EServices.Tests.Infrastructure;
using EServices.Tests.Payments;
using EServices.Web.Data;
using EServices.Web.Payments;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace EServices.Tests.Features.Competitions;

/// <summary>A candidacy's payment after its competition closed: no attempt opens and the counter files nothing (the
/// receipt is recorded for refund); mobile money of an attempt opened before closing and confirmed after is filed.</summary>
[Collection(CandidacyCollection.Name)]
public sealed class PaymentAfterClosingTests(CandidacyHost host)
{
    private const string Closed = "Les inscriptions à ce concours sont closes : votre candidature ne peut plus être payée ni déposée.";

    [Fact]
    public async Task After_closing_no_payment_opens_and_a_counter_receipt_is_recorded_for_refund_not_filed()
    {
        var (session, id, paying, closes) = await AwaitingPaymentAsync();
        using var _ = session;
        var shift = closes - host.Clock().GetUtcNow();
        host.Clock().Advance(shift);
        try
        {
            var refused = await session.SubmitAsync(paying, "Payer par mobile money");

            Assert.Contains(Closed, refused.Text, StringComparison.Ordinal);
            Assert.Equal(0L, await host.ScalarAsync("SELECT count(*) FROM payments WHERE request_id = @id", ("id", id)));
            Assert.Equal(PaymentLedger.CounterOutcome.NotFileable, await CompetitionSeed.CounterReceiptAsync(host, id, CompetitionSeed.Fee));
            Assert.Equal("RefundDue", await host.ScalarAsync("SELECT flag FROM payments WHERE request_id = @id", ("id", id)));
            Assert.Equal("Draft", await host.ScalarAsync("SELECT status FROM requests WHERE id = @id", ("id", id)));
        }
        finally
        {
            host.Clock().Advance(-shift);
        }
    }

    [Fact]
    public async Task Mobile_money_of_an_attempt_opened_before_closing_and_confirmed_after_is_filed()
    {
        var (session, id, _, closes) = await AwaitingPaymentAsync();
        using var _ = session;
        Guid paymentId;
        using (var scope = host.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            var request = await db.Requests.Include(r => r.Procedure).SingleAsync(r => r.Id == id);
            var now = host.Clock().GetUtcNow();
            var payment = Payment.Start(request, request.Procedure.ServiceId, "cinetpay", "ES" + Guid.NewGuid().ToString("N")[..16].ToUpperInvariant(),
                CompetitionSeed.Fee, now, TimeSpan.FromHours(48), now.AddMinutes(2));
            db.Payments.Add(payment);
            await db.SaveChangesAsync();
            paymentId = payment.Id;
        }

        var shift = closes - host.Clock().GetUtcNow() + TimeSpan.FromMinutes(5);
        host.Clock().Advance(shift);
        try
        {
            using var scope = host.Services.CreateScope();
            var paid = await scope.ServiceProvider.GetRequiredService<PaymentLedger>().ApplyAsync(paymentId,
                new PaymentCheck(CheckVerdict.Paid, "00 SUCCES", CompetitionSeed.Fee, "XOF", "OM", "REF-1"), CancellationToken.None);

            Assert.Equal(PaymentFlag.None, paid.Flag);
            Assert.Equal("Submitted", await host.ScalarAsync("SELECT status FROM requests WHERE id = @id", ("id", id)));
        }
        finally
        {
            host.Clock().Advance(-shift);
        }
    }

    /// <summary>A candidacy on its payment page, its competition closing in a minute.</summary>
    private async Task<(WebSession Session, Guid Id, Page Paying, DateTimeOffset Closes)> AwaitingPaymentAsync()
    {
        var closes = host.Clock().GetUtcNow().AddMinutes(1);
        var competition = await CompetitionSeed.AddAsync(host, c => c.ClosesAt = closes);
        var session = host.NewSession();
        await TestUsers.SignUpAsync(session);
        var review = await CompetitionSeed.ToReviewAsync(session, competition);
        var id = CompetitionSeed.ApplicationId(review);
        var paying = await session.SubmitAsync(review, "Payer et déposer", [("declaration", "oui")]);
        Assert.Equal($"/brouillons/{id}/paiement", paying.Url);
        return (session, id, paying, closes);
    }
}
