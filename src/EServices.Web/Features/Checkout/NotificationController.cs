using EServices.Web.Payments;
using EServices.Web.Payments.CinetPay;
using Microsoft.Extensions.Options;

namespace EServices.Web.Features.Checkout;

/// <summary>
/// CinetPay's notification (notify_url): anonymous, without antiforgery token (a server posts it). A genuine one (its
/// x-token checks) only makes the portal ask the provider about the transaction; its status comes from that check, never
/// from the form. Anything else is answered 200 and changes nothing: an invalid token is logged for the operators, but
/// the answer tells a prober nothing, and the provider, whose retries are not documented, has nothing to retry for.
/// </summary>
[AllowAnonymous]
[IgnoreAntiforgeryToken]
public sealed class NotificationController(PaymentLedger ledger, IOptions<PaymentOptions> options, ILogger<NotificationController> logger) : Controller
{
    /// <summary>CinetPay pings the address with a GET to see that it answers.</summary>
    [HttpGet(PaymentLedger.NotifyPath)]
    public IActionResult Ping() => Ok();

    [HttpPost(PaymentLedger.NotifyPath)]
    [RequestSizeLimit(16 * 1024)] // 16 short fields: anything larger is not CinetPay
    public async Task<IActionResult> Notify(CancellationToken ct)
    {
        var form = await ProviderController.FormAsync(HttpContext, ct);
        var transactionId = CinetPayNotification.TransactionId(form, Request.Headers[CinetPayNotification.TokenHeader], options.Value.CinetPay.SecretKey);
        if (transactionId is null)
        {
            logger.LogWarning("Payment notification ignored: invalid x-token or form");
        }
        else if (await ledger.CheckAsync(transactionId, ct) is null)
        {
            logger.LogWarning("Payment notification ignored: unknown transaction {TransactionId}", transactionId);
        }

        return Ok();
    }
}
