using EServices.Web.Infrastructure.Sms;
using Microsoft.Extensions.Options;

namespace EServices.Web.Features.Sms;

/// <summary>
/// What Kannel calls: delivery reports (dlr-url, signed per SMS) and incoming messages (sms-service, Basic
/// kannel:&lt;Sms:CallbackSecret&gt;). No cookies, and GET (no antiforgery token): the signature or the secret is the
/// credential. The answer is always empty: a 2xx tells Kannel to stop repeating the call, a 401 that the caller is not
/// our gateway.
/// </summary>
[AllowAnonymous]
[Route("sms")]
public sealed class SmsGatewayController(IOptions<SmsOptions> options) : Controller
{
    [HttpGet("dlr")]
    public async Task<IActionResult> DeliveryReport(
        [FromQuery(Name = "id")] string? id, [FromQuery(Name = "s")] string? status, [FromQuery(Name = "sig")] string? signature,
        [FromServices] DeliveryReport.Handler handler, CancellationToken ct)
    {
        if (!long.TryParse(id, out var outboxId) || !SmsCallbacks.IsSigned(options.Value.CallbackSecret, outboxId, signature))
        {
            return Unauthorized();
        }

        await handler.HandleAsync(new DeliveryReport.Command(outboxId, int.TryParse(status, out var s) ? s : null), ct);
        return Ok();
    }

    [HttpGet("incoming")]
    public async Task<IActionResult> Incoming(
        [FromQuery(Name = "from")] string? from, [FromQuery(Name = "text")] string? text, [FromQuery(Name = "id")] string? gatewayId,
        [FromServices] IncomingMessage.Handler handler, CancellationToken ct)
    {
        if (!SmsCallbacks.IsGateway(options.Value.CallbackSecret, Request.Headers.Authorization.ToString()))
        {
            return Unauthorized();
        }

        await handler.HandleAsync(new IncomingMessage.Command(from, text, gatewayId), ct);
        return Ok();
    }
}
