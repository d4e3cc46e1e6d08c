using System.Net;
using EServices.Tests.Features.Filing;
using EServices.Tests.Infrastructure;

namespace EServices.Tests.Payments;

/// <summary>The applicant back from the provider's page: what the provider's check says, never what the return says.</summary>
[Collection(PaymentCollection.Name)]
public sealed class ReturnPageTests(PaymentHost host)
{
    [Fact]
    public async Task Back_from_a_confirmed_payment_the_applicant_sees_the_number_and_downloads_the_receipt()
    {
        var payer = await host.AwaitingPaymentAsync();
        var transactionId = await PaymentSteps.OpenAsync(payer.Session, payer.PaymentPage);
        host.Provider.Paid(transactionId, PaymentSteps.Fee);

        // CinetPay posts the browser back: turned into a GET, where the session cookie comes along.
        var posted = await payer.Session.Client.PostAsync("/paiements/retour", new FormUrlEncodedContent([KeyValuePair.Create("transaction_id", transactionId), KeyValuePair.Create("token", "jeton")]));
        Assert.Equal(HttpStatusCode.SeeOther, posted.StatusCode);
        var page = await payer.Session.GetAsync(posted.Headers.Location!.OriginalString);

        Assert.Equal("Paiement confirmé", page.Html.QuerySelector("h1")!.TextContent);
        var number = page.Html.QuerySelector("strong.nowrap")!.TextContent;
        Assert.Matches(@"^AG-2027-\d{6}$", number);
        var (status, pdf, _) = await payer.Session.DownloadAsync($"/mes-demandes/{number}/recepisse");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains("Frais payés", FilingTests.PdfText(pdf), StringComparison.Ordinal);

        var request = await payer.Session.GetAsync($"/mes-demandes/{number}");
        Assert.Contains("Frais payés 5 000 FCFA, par Orange Money", request.Text, StringComparison.Ordinal);
        Assert.Contains("Référence du paiement MP" + transactionId, request.Text, StringComparison.Ordinal);
        await host.AssertLedgerHoldsAsync();
    }

    [Fact]
    public async Task A_payment_not_yet_confirmed_shows_a_page_that_refreshes_itself_and_says_the_portal_keeps_checking()
    {
        var payer = await host.AwaitingPaymentAsync();
        var transactionId = await PaymentSteps.OpenAsync(payer.Session, payer.PaymentPage);

        var page = await payer.Session.GetAsync($"/paiements/retour?transaction_id={transactionId}");

        Assert.Equal("Paiement en cours de confirmation", page.Html.QuerySelector("h1")!.TextContent);
        Assert.Equal($"10;url=/paiements/retour?transaction_id={transactionId}", page.Html.QuerySelector("meta[http-equiv=refresh]")!.GetAttribute("content"));
        Assert.Contains("Le portail continue de vérifier votre paiement pendant 48 heures", page.Text, StringComparison.Ordinal);
        Assert.True(host.Provider.ChecksOf(transactionId) >= 1);
    }

    [Fact]
    public async Task A_payment_that_failed_says_nothing_was_taken_and_offers_to_try_again()
    {
        var payer = await host.AwaitingPaymentAsync();
        var transactionId = await PaymentSteps.OpenAsync(payer.Session, payer.PaymentPage);
        host.Provider.Refused(transactionId);

        var page = await payer.Session.GetAsync($"/paiements/retour?transaction_id={transactionId}");

        Assert.Equal("Paiement non abouti", page.Html.QuerySelector("h1")!.TextContent);
        Assert.Contains("rien n'a été prélevé", page.Text, StringComparison.Ordinal);
        var retry = await payer.Session.ClickAsync(page, "Réessayer");
        Assert.Equal(payer.PaymentPath, retry.Url);
        Assert.Contains("Non abouti : rien n'a été prélevé", retry.Text, StringComparison.Ordinal);
        var second = await PaymentSteps.OpenAsync(payer.Session, retry);
        Assert.NotEqual(transactionId, second);
    }

    [Theory]
    [InlineData("")]
    [InlineData("?transaction_id=")]
    [InlineData("?transaction_id=ES2703260000000000&transaction_id=ES2703260000000001")]
    [InlineData("?transaction_id=%27%3B--%20%C3%A9t%C3%A9")]
    [InlineData("?transaction_id=ES270326INCONNU0000")]
    [InlineData("?transaction_id=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    public async Task Odd_or_unknown_returns_get_the_same_neutral_page(string query)
    {
        using var session = host.NewSession();
        await TestUsers.SignUpAsync(session);

        var page = await session.GetAsync("/paiements/retour" + query);
        var posted = await session.Client.PostAsync("/paiements/retour" + query, new StringContent("transaction_id=a&transaction_id=b", System.Text.Encoding.UTF8, "application/x-www-form-urlencoded"));

        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Equal("Retour du service de paiement", page.Html.QuerySelector("h1")!.TextContent);
        Assert.True(posted.StatusCode is HttpStatusCode.OK or HttpStatusCode.SeeOther, posted.StatusCode.ToString());
    }

    [Fact]
    public async Task Someone_elses_transaction_or_no_session_shows_the_neutral_page_and_not_the_request()
    {
        var payer = await host.AwaitingPaymentAsync();
        var transactionId = await PaymentSteps.OpenAsync(payer.Session, payer.PaymentPage);
        host.Provider.Paid(transactionId, PaymentSteps.Fee);
        using var other = host.NewSession();
        await TestUsers.SignUpAsync(other);
        using var anonymous = host.NewSession();

        foreach (var session in new[] { other, anonymous })
        {
            var page = await session.GetAsync($"/paiements/retour?transaction_id={transactionId}");
            Assert.Equal("Retour du service de paiement", page.Html.QuerySelector("h1")!.TextContent);
            Assert.DoesNotContain("AG-2027", page.Text, StringComparison.Ordinal);
        }

        Assert.Equal("Paiement confirmé", (await payer.Session.GetAsync($"/paiements/retour?transaction_id={transactionId}")).Html.QuerySelector("h1")!.TextContent);
    }
}
