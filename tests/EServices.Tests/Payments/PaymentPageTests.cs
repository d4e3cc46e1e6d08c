using System.Net;
using EServices.Tests.Infrastructure;

namespace EServices.Tests.Payments;

/// <summary>The applicant's payment page: amount, counter code, the plain redirect to the provider, back to the form, deletion.</summary>
[Collection(PaymentCollection.Name)]
public sealed class PaymentPageTests(PaymentHost host)
{
    [Fact]
    public async Task A_fee_procedure_says_its_amount_on_the_review_page_and_then_waits_for_its_payment()
    {
        var payer = await host.AwaitingPaymentAsync();
        var page = payer.PaymentPage;

        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Equal("Payer les frais de votre demande", page.Html.QuerySelector("h1")!.TextContent);
        Assert.Contains("5 000 FCFA", page.Text, StringComparison.Ordinal);
        Assert.Contains("Inscription à un concours direct", page.Text, StringComparison.Ordinal);
        Assert.Matches(@"Payer au guichet du Trésor : donnez le code P-[2-9A-Z]{8}", page.Text);
        Assert.Equal("Draft", await host.ScalarAsync("SELECT status FROM requests WHERE id = @id", ("id", payer.DraftId)));
        Assert.Equal(DBNull.Value, await host.ScalarAsync("SELECT number FROM requests WHERE id = @id", ("id", payer.DraftId)));

        // The form is frozen: its steps and its review lead to the payment page.
        foreach (var path in new[] { $"/brouillons/{payer.DraftId}/etapes/1", $"/brouillons/{payer.DraftId}/recapitulatif" })
        {
            var frozen = await payer.Session.GetAsync(path, follow: false);
            Assert.Equal(payer.PaymentPath, frozen.Location);
        }

        var mine = await payer.Session.GetAsync("/mes-demandes");
        Assert.Contains("En attente de paiement", mine.Text, StringComparison.Ordinal);
        Assert.Equal(payer.PaymentPath, (await payer.Session.ClickAsync(mine, "Payer")).Url);
    }

    [Fact]
    public async Task The_review_page_of_a_fee_procedure_shows_the_amount_and_says_pay_and_file()
    {
        var payer = await host.AwaitingPaymentAsync();
        var back = await payer.Session.SubmitAsync(payer.PaymentPage, "Revenir au formulaire");

        Assert.Equal("Vérifiez votre demande avant de la déposer", back.Html.QuerySelector("h1")!.TextContent);
        Assert.Contains("Frais à payer : 5 000 FCFA", back.Text, StringComparison.Ordinal);
        Assert.NotNull(back.Html.QuerySelectorAll("button").FirstOrDefault(b => b.TextContent == "Payer et déposer"));
        Assert.Equal(DBNull.Value, await host.ScalarAsync("SELECT awaiting_payment_since FROM requests WHERE id = @id", ("id", payer.DraftId)));
    }

    [Fact]
    public async Task Someone_elses_payment_page_is_not_found()
    {
        var payer = await host.AwaitingPaymentAsync();
        using var other = host.NewSession();
        await TestUsers.SignUpAsync(other);

        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync(payer.PaymentPath)).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync($"/brouillons/{Guid.NewGuid()}/paiement")).Status);
    }

    [Fact]
    public async Task Paying_by_mobile_money_sends_a_plain_303_to_the_provider_with_the_amount_from_the_database()
    {
        var payer = await host.AwaitingPaymentAsync();
        // A tampered form: an amount of its own. The portal never reads one.
        var sent = await payer.Session.SubmitAsync(payer.PaymentPage, "Payer par mobile money", [("amount", "100"), ("montant", "100")], follow: false);

        Assert.Equal(HttpStatusCode.SeeOther, sent.Status);
        var transactionId = sent.Location!.Split('/')[^1];
        Assert.Equal(ScriptedProvider.PageOf(transactionId), sent.Location);
        Assert.Equal(PaymentSteps.Fee, await host.ScalarAsync("SELECT amount FROM payments WHERE transaction_id = @t", ("t", transactionId)));
        Assert.Equal(PaymentSteps.Fee, host.Provider.Orders.Single(o => o.TransactionId == transactionId).Amount);

        // A second press a moment later gives the same page, not a second payment.
        var again = await payer.Session.SubmitAsync(payer.PaymentPage, "Payer par mobile money", follow: false);
        Assert.Equal(sent.Location, again.Location);
        Assert.Equal(1L, await host.ScalarAsync("SELECT count(*) FROM payments WHERE request_id = @id", ("id", payer.DraftId)));

        var page = await payer.Session.GetAsync(payer.PaymentPath);
        Assert.Contains("En cours de confirmation", page.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_provider_down_at_opening_gives_a_clear_message_and_a_503_and_the_next_try_works()
    {
        var payer = await host.AwaitingPaymentAsync();
        host.Provider.DownAtOpening = true;
        Page refused;
        try
        {
            refused = await payer.Session.SubmitAsync(payer.PaymentPage, "Payer par mobile money", follow: false);
        }
        finally
        {
            host.Provider.DownAtOpening = false;
        }

        Assert.Equal(HttpStatusCode.ServiceUnavailable, refused.Status);
        Assert.Contains("Le service de paiement ne répond pas pour le moment. Rien n'a été prélevé", refused.Text, StringComparison.Ordinal);
        Assert.Contains("Non ouvert : le service de paiement n'a pas répondu", refused.Text, StringComparison.Ordinal);

        var retried = await payer.Session.SubmitAsync(refused, "Payer par mobile money", follow: false);
        Assert.Equal(HttpStatusCode.SeeOther, retried.Status);
        await host.AssertLedgerHoldsAsync();
    }

    [Fact]
    public async Task Going_back_to_the_form_is_refused_while_a_payment_is_under_way_and_allowed_once_it_failed()
    {
        var payer = await host.AwaitingPaymentAsync();
        var transactionId = await PaymentSteps.OpenAsync(payer.Session, payer.PaymentPage);

        var refused = await payer.Session.SubmitAsync(await payer.Session.GetAsync(payer.PaymentPath), "Revenir au formulaire");
        Assert.Equal(HttpStatusCode.Conflict, refused.Status);
        Assert.Contains("Un paiement est en cours pour cette demande", refused.Text, StringComparison.Ordinal);

        // Abandoned on the provider's page: the portal asks the provider before refusing again.
        host.Provider.Refused(transactionId);
        var back = await payer.Session.SubmitAsync(refused, "Revenir au formulaire");
        Assert.Equal("Vérifiez votre demande avant de la déposer", back.Html.QuerySelector("h1")!.TextContent);
        Assert.Equal("Failed", await host.ScalarAsync("SELECT status FROM payments WHERE transaction_id = @t", ("t", transactionId)));
    }

    [Fact]
    public async Task Deleting_an_unpaid_request_asks_first_waits_for_a_payment_under_way_and_keeps_the_attempts()
    {
        var payer = await host.AwaitingPaymentAsync();
        var transactionId = await PaymentSteps.OpenAsync(payer.Session, payer.PaymentPage);

        var confirm = await payer.Session.ClickAsync(await payer.Session.GetAsync(payer.PaymentPath), "Supprimer cette demande");
        Assert.Equal("Supprimer la demande « Inscription à un concours direct » ?", confirm.Html.QuerySelector("h1")!.TextContent);
        var refused = await payer.Session.SubmitAsync(confirm, "Supprimer définitivement");
        Assert.Equal(payer.PaymentPath, refused.Url);
        Assert.Contains("Un paiement est en cours pour cette demande : elle ne peut pas être supprimée", refused.Text, StringComparison.Ordinal);

        host.Provider.Refused(transactionId);
        var failed = await payer.Session.GetAsync($"/paiements/retour?transaction_id={transactionId}");
        Assert.Equal("Paiement non abouti", failed.Html.QuerySelector("h1")!.TextContent);

        var deleted = await payer.Session.SubmitAsync(await payer.Session.ClickAsync(await payer.Session.GetAsync(payer.PaymentPath), "Supprimer cette demande"), "Supprimer définitivement");
        Assert.Equal("/mes-demandes", deleted.Url);
        Assert.Equal(0L, await host.ScalarAsync("SELECT count(*) FROM requests WHERE id = @id", ("id", payer.DraftId)));
        Assert.Equal(1L, await host.ScalarAsync("SELECT count(*) FROM payments WHERE transaction_id = @t AND request_id IS NULL AND amount = 5000", ("t", transactionId)));
        Assert.Equal(HttpStatusCode.NotFound, (await payer.Session.GetAsync(payer.PaymentPath)).Status);
    }
}
