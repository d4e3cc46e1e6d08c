namespace EServices.Web.Features.Convocations;

/// <param name="Numbered">Candidates with an exam number; <paramref name="Produced"/> of them have their convocation.</param>
public sealed record ProgressPage(int Id, string Title, bool IsNumbered, DateTimeOffset? RequestedAt, int Numbered, int Produced)
{
    public bool Running => RequestedAt is not null && Produced < Numbered;
}

/// <summary>AGRE's page of a competition's convocations: waits for the numbering, then asks for them once and follows the
/// background job (<see cref="Web.Competitions.ConvocationJob"/>) until every candidate has theirs.</summary>
[Authorize(Policy = AuthorizationPolicies.CompetitionAdmin)]
[Route("admin/concours/{id:int}/convocations")]
public sealed class ConvocationsController(AppDbContext db) : Controller
{
    [HttpGet("")]
    public async Task<IActionResult> Progress(int id, CancellationToken ct)
    {
        var competition = await db.Competitions.AsNoTracking().Where(c => c.Id == id)
            .Select(c => new { c.Title, c.NumberedAt, c.ConvocationsRequestedAt }).FirstOrDefaultAsync(ct);
        if (competition is null)
        {
            return NotFound();
        }

        var numbered = await db.Candidacies.CountAsync(c => c.CompetitionId == id && c.ExamNumber != null, ct);
        // The job's own work list (its key starts with the competition): cheap to count at every refresh.
        var waiting = await db.ConvocationsDue.CountAsync(d => d.CompetitionId == id, ct);
        // No reload of its own (a meta refresh fails WCAG 2.2.1 and cuts a screen reader short): « Actualiser » is a link.
        return View(new ProgressPage(id, competition.Title, competition.NumberedAt is not null, competition.ConvocationsRequestedAt, numbered, numbered - waiting));
    }

    [HttpPost("")]
    public async Task<IActionResult> Generate(int id, [FromServices] GenerateConvocations.Handler generate, CancellationToken ct)
    {
        var outcome = await generate.HandleAsync(id, ct);
        if (outcome == GenerateConvocations.Outcome.NotFound)
        {
            return NotFound();
        }

        TempData["Message"] = outcome switch
        {
            GenerateConvocations.Outcome.Requested => "Génération des convocations lancée : elle se poursuit en arrière-plan.",
            GenerateConvocations.Outcome.AlreadyRequested => "La génération des convocations est déjà lancée.",
            _ => "Les convocations attendent la numérotation des candidats.",
        };
        return Redirect($"/admin/concours/{id}/convocations");
    }
}
