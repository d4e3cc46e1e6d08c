using EServices.Tests.Infrastructure;

namespace EServices.Tests.Payments;

/// <summary>A draft left unpaid past Payments:UnpaidDraftDays (7) is deleted, its applicant told, the deletion journaled;
/// not while a payment is under way.</summary>
[Collection(PaymentCollection.Name)]
public sealed class UnpaidDraftExpiryTests(PaymentHost host)
{
    [Fact]
    public async Task An_unpaid_draft_expires_after_seven_days_its_applicant_is_told_and_the_deletion_is_journaled()
    {
        var payer = await host.AwaitingPaymentAsync();
        var paying = await host.AwaitingPaymentAsync();
        var transactionId = await PaymentSteps.OpenAsync(paying.Session, paying.PaymentPage);
        var code = (string)(await host.ScalarAsync("SELECT payment_code FROM requests WHERE id = @id", ("id", payer.DraftId)))!;

        host.Clock().Advance(TimeSpan.FromDays(6));
        try
        {
            await host.ExpireUnpaidDraftsAsync();
            Assert.Equal(1L, await host.ScalarAsync("SELECT count(*) FROM requests WHERE id = @id", ("id", payer.DraftId)));

            host.Clock().Advance(TimeSpan.FromDays(2));
            Assert.True(await host.ExpireUnpaidDraftsAsync() >= 1);
        }
        finally
        {
            host.Clock().Advance(TimeSpan.FromDays(-8));
        }

        Assert.Equal(0L, await host.ScalarAsync("SELECT count(*) FROM requests WHERE id = @id", ("id", payer.DraftId)));
        var body = (string?)await host.ScalarAsync("SELECT body FROM outbox_emails WHERE \"to\" = @to AND subject = 'Demande non payée supprimée'", ("to", payer.User.Email));
        Assert.Contains("Votre demande « Inscription à un concours direct » attendait le paiement de ses frais depuis plus de 7 jours", body, StringComparison.Ordinal);
        Assert.Contains("Aucun frais n'a été prélevé", body, StringComparison.Ordinal);
        Assert.Equal(1L, await host.ScalarAsync("SELECT count(*) FROM audit_entries WHERE target_type = 'demande' AND target_id = @id AND action LIKE '%' || @code || '%'",
            ("id", payer.DraftId.ToString()), ("code", code)));
        var mine = await payer.Session.GetAsync("/mes-demandes");
        Assert.DoesNotContain("Inscription à un concours direct", mine.Text, StringComparison.Ordinal);

        // A payment under way keeps its draft: the money may be on its way.
        Assert.Equal(1L, await host.ScalarAsync("SELECT count(*) FROM requests WHERE id = @id", ("id", paying.DraftId)));
        Assert.Equal(1L, await host.ScalarAsync("SELECT count(*) FROM payments WHERE transaction_id = @t AND request_id = @id", ("t", transactionId), ("id", paying.DraftId)));
    }

    [Fact]
    public async Task An_applicant_with_a_phone_only_is_told_by_sms()
    {
        using var session = host.NewSession();
        var (phone, _) = await TestUsers.SignUpByPhoneAsync(session);
        var draftId = Guid.Parse((await PaymentSteps.ToPaymentPageAsync(session)).Url.Split('/')[^2]);

        host.Clock().Advance(TimeSpan.FromDays(8));
        try
        {
            await host.ExpireUnpaidDraftsAsync();
        }
        finally
        {
            host.Clock().Advance(TimeSpan.FromDays(-8));
        }

        Assert.Equal(0L, await host.ScalarAsync("SELECT count(*) FROM requests WHERE id = @id", ("id", draftId)));
        var sms = (await TestSms.LastToAsync(host, phone)).Text;
        Assert.Contains("non pay", sms, StringComparison.Ordinal);
        Assert.EndsWith("Recommencer : https://localhost/demarches/inscription-concours-direct", sms, StringComparison.Ordinal);
    }
}
