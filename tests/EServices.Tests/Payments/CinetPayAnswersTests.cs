using System.Net;
using System.Text;
using EServices.Web.Payments;
using EServices.Web.Payments.CinetPay;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace EServices.Tests.Payments;

/// <summary>What the client concludes from answers of the check endpoint that the simulator does not give: only an
/// answer that says the payment failed is a refusal; anything unknown is asked again later, so that a payment the payer
/// confirms after an odd answer is never dropped.</summary>
public sealed class CinetPayAnswersTests
{
    [Theory]
    [InlineData(HttpStatusCode.OK, """{"code":"627","message":"TRANSACTION_CANCEL","data":{"status":"REFUSED"}}""", CheckVerdict.Refused)]
    [InlineData(HttpStatusCode.OK, """{"code":"600","message":"PAYMENT_FAILED","data":{}}""", CheckVerdict.Refused)]
    [InlineData(HttpStatusCode.OK, """{"code":"999","message":"SOMETHING","data":{"status":"CANCELLED"}}""", CheckVerdict.Refused)]
    [InlineData(HttpStatusCode.OK, """{"code":"662","message":"WAITING_CUSTOMER_PAYMENT","data":{}}""", CheckVerdict.Pending)]
    [InlineData(HttpStatusCode.OK, """{"code":"607","message":"PENDING","data":{"status":"PENDING"}}""", CheckVerdict.Unreachable)]
    [InlineData(HttpStatusCode.TooManyRequests, """{"code":"429","message":"TOO_MANY_REQUESTS"}""", CheckVerdict.Unreachable)]
    [InlineData(HttpStatusCode.OK, """{"code":"01","message":"SUCCES","data":{"status":"ACCEPTED","amount":"5000","currency":"XOF"}}""", CheckVerdict.Unreachable)]
    [InlineData(HttpStatusCode.OK, """{"code":"00","message":"SUCCES","data":{"status":"SOMETHING_NEW"}}""", CheckVerdict.Unreachable)]
    [InlineData(HttpStatusCode.OK, """{"code":"609","message":"AUTH_NOT_FOUND"}""", CheckVerdict.Unreachable)]
    [InlineData(HttpStatusCode.OK, """{"code":0,"message":"SUCCES","data":{"status":"ACCEPTED","amount":5000,"currency":"XOF"}}""", CheckVerdict.Paid)]
    public async Task Only_an_answer_about_the_payment_itself_refuses_it(HttpStatusCode status, string answer, CheckVerdict verdict)
    {
        using var http = new HttpClient(new Answering(status, answer));
        var provider = new CinetPayProvider(http, Options.Create(new PaymentOptions
        {
            CinetPay = new CinetPayOptions { BaseUrl = "https://api-checkout.cinetpay.com", ApiKey = "k", SiteId = "1", SecretKey = "secret-key-0123456789" },
        }), NullLogger<CinetPayProvider>.Instance);

        var check = await provider.CheckAsync("ES2612070000000001", CancellationToken.None);

        Assert.Equal(verdict, check.Verdict);
    }

    private sealed class Answering(HttpStatusCode status, string json) : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
            Task.FromResult(new HttpResponseMessage(status) { Content = new StringContent(json, Encoding.UTF8, "application/json") });
    }
}
