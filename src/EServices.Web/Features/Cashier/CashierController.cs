namespace EServices.Web.Features.Cashier;

/// <summary>« Caisse »: a cashier finds a draft by the payment code the citizen gives and records the Treasury receipt.
/// A cashier sees the procedure, the applicant's name and the fee: nothing else of any request.</summary>
[Authorize(Policy = AuthorizationPolicies.Cashier)]
[Route("caisse")]
public sealed class CashierController(CounterReceipt.Handler counter) : Controller
{
    [HttpGet("")]
    public async Task<IActionResult> Index([FromQuery] CounterForm form, CancellationToken ct)
    {
        ModelState.Clear();
        if (string.IsNullOrWhiteSpace(form.Code))
        {
            return View(new CounterPage(form, null));
        }

        if (await counter.FindAsync(form.Code, ct) is { } due)
        {
            form.Code = due.Code;
            return View(new CounterPage(form, due));
        }

        ModelState.AddModelError(nameof(form.Code), CounterReceipt.Normalize(form.Code) is null ? CounterReceipt.Validator.BadCode : CounterReceipt.Handler.Unknown);
        return this.Redisplay(new CounterPage(form, null));
    }

    [HttpPost("quittance")]
    public async Task<IActionResult> Record(CounterForm form, CancellationToken ct)
    {
        var outcome = await counter.HandleAsync(form, User.FindFirstValue(ClaimTypes.NameIdentifier)!, ct);
        if (!this.Check(outcome.Result))
        {
            return this.Redisplay("Index", new CounterPage(form, await counter.FindAsync(form.Code, ct)));
        }

        if (outcome.Question is not null)
        {
            return View("Index", new CounterPage(form, await counter.FindAsync(form.Code, ct), outcome.Question));
        }

        TempData[outcome.Flagged ? "Error" : "Message"] = outcome.Message;
        return Redirect("/caisse");
    }
}
