namespace EServices.Web.Features.CompetitionClosing;

/// <summary>AGRE's work on a competition after its closing: the applications by state, the bulk validation, the exam
/// numbers and seats, the list of candidates, and the milestones that follow.</summary>
[Authorize(Policy = AuthorizationPolicies.CompetitionAdmin)]
[Route("admin/concours/{id:int}/cloture")]
public sealed class ClosingController : Controller
{
    private string ActorId => User.FindFirstValue(ClaimTypes.NameIdentifier)!;

    [HttpGet("")]
    public async Task<IActionResult> Closing(int id, [FromServices] ClosingPage.Handler page, CancellationToken ct) =>
        await page.HandleAsync(id, ct) is { } found ? View(found) : NotFound();

    [HttpPost("validation")]
    public async Task<IActionResult> Validate(int id, [FromServices] ValidateFiled.Handler validate, CancellationToken ct) =>
        Told(id, await validate.HandleAsync(id, ActorId, ct));

    [HttpPost("numerotation")]
    public async Task<IActionResult> Number(int id, [FromServices] AssignNumbers.Handler assign, CancellationToken ct) =>
        Told(id, await assign.HandleAsync(id, ActorId, ct));

    [HttpGet("non-eligibles")]
    public async Task<IActionResult> Ineligible(int id, [FromServices] IneligibleList.Handler list, CancellationToken ct) =>
        await list.HandleAsync(id, ct) is { } found ? View(found) : NotFound();

    [HttpGet("candidats.csv")]
    public async Task<IActionResult> Candidates(int id, [FromServices] CandidateList.Handler list, CancellationToken ct)
    {
        if (await list.FileNameAsync(id, ct) is not { } fileName)
        {
            return NotFound();
        }

        Response.ContentType = ExportTable.CsvType;
        Response.Headers.ContentDisposition = Downloads.ContentDisposition(fileName, inline: false);
        await list.WriteAsync(id, Response.Body, ct);
        return new EmptyResult();
    }

    /// <summary>Post/Redirect/Get, the outcome told on the closing page.</summary>
    private IActionResult Told(int id, ClosingOutcome? outcome)
    {
        if (outcome is null)
        {
            return NotFound();
        }

        TempData[outcome.Done ? "Message" : "Error"] = outcome.Message;
        return Redirect($"/admin/concours/{id}/cloture");
    }
}
