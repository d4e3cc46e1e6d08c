using FluentValidation;

namespace EServices.Web.Features.Sms;

public sealed record DevSmsPage(IReadOnlyList<OutboxSms> Sent, IReadOnlyList<IncomingSms> Received, DevMessage.Command Form, bool Posted);

/// <summary>The developer's SMS page (Development only, 404 elsewhere): what the portal sent through Kannel, what it
/// received, and a form to text the portal as a phone would.</summary>
[AllowAnonymous]
[DevelopmentOnly]
[Route("dev/sms")]
public sealed class DevSmsController(AppDbContext db) : Controller
{
    [HttpGet("")]
    public async Task<IActionResult> Index(bool envoye, CancellationToken ct) =>
        View("DevSms", await PageAsync(new DevMessage.Command { From = "+226 70 00 00 00" }, envoye, ct));

    [HttpPost("")]
    public async Task<IActionResult> Send(DevMessage.Command command, [FromServices] IValidator<DevMessage.Command> validator,
        [FromServices] DevMessage.Handler handler, CancellationToken ct)
    {
        if (!await this.CheckAsync(validator, command, ct) || !this.Check(await handler.HandleAsync(command, ct)))
        {
            return this.Redisplay("DevSms", await PageAsync(command, false, ct));
        }

        return Redirect("/dev/sms?envoye=true");
    }

    private async Task<DevSmsPage> PageAsync(DevMessage.Command form, bool posted, CancellationToken ct) => new(
        await db.OutboxSms.AsNoTracking().OrderByDescending(s => s.Id).Take(30).ToListAsync(ct),
        await db.IncomingSms.AsNoTracking().OrderByDescending(s => s.Id).Take(10).ToListAsync(ct),
        form, posted);
}
