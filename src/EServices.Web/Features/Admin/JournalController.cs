using EServices.Web.Infrastructure.Audit;

namespace EServices.Web.Features.Admin;

/// <summary>The audit log viewer: administration changes and request moves, filterable, newest first.</summary>
[Authorize(Policy = AuthorizationPolicies.Admin)]
[Route("admin/journal")]
public sealed class JournalController(JournalQuery journal) : Controller
{
    /// <summary>Recomputes the hash chain over the journal and names the first row that no longer matches.</summary>
    [HttpGet("verification")]
    public async Task<IActionResult> Verification([FromServices] ChainVerifier verifier, CancellationToken ct) =>
        View("JournalVerification", await verifier.VerifyAsync(ct));

    [HttpGet("")]
    public async Task<IActionResult> Journal([FromQuery] JournalCriteria criteria, CancellationToken ct)
    {
        ModelState.Clear(); // a page number that is not one simply means the first page
        var (from, fromError) = JournalCriteria.ParseDate(criteria.Du);
        var (to, toError) = JournalCriteria.ParseDate(criteria.Au);
        if (fromError is not null)
        {
            ModelState.AddModelError("du", fromError);
        }

        if (toError is not null)
        {
            ModelState.AddModelError("au", toError);
        }
        else if (from is not null && to < from)
        {
            ModelState.AddModelError("au", "La date de fin doit être le jour de la date de début ou après.");
        }

        if (!ModelState.IsValid)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return View(new JournalPage(criteria, false, 0, 1, 1, []));
        }

        return View(await journal.RunAsync(criteria, from, to, ct));
    }
}
