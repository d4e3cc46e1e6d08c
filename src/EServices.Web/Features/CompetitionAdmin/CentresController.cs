namespace EServices.Web.Features.CompetitionAdmin;

/// <summary>A competition's exam centres: added, changed, removed while no candidate has chosen them.</summary>
[Authorize(Policy = AuthorizationPolicies.CompetitionAdmin)]
[Route("admin/concours/{id:int}/centres")]
public sealed class CentresController(AppDbContext db) : Controller
{
    [HttpGet("nouveau")]
    public async Task<IActionResult> New(int id, CancellationToken ct) =>
        await FindAsync(id, ct) is { } competition ? View("CentreEdit", new SaveCentre.Page(id, competition.Title, null, 0, new SaveCentre.Form { RoomSize = "50" })) : NotFound();

    [HttpGet("{centre:int}")]
    public async Task<IActionResult> Edit(int id, int centre, CancellationToken ct) =>
        await FindAsync(id, ct) is { } competition && await db.ExamCentres.AsNoTracking().FirstOrDefaultAsync(c => c.Id == centre && c.CompetitionId == id, ct) is { } found
            ? View("CentreEdit", new SaveCentre.Page(id, competition.Title, centre, found.Taken, SaveCentre.Form.From(found)))
            : NotFound();

    [HttpPost("nouveau")]
    [HttpPost("{centre:int}")]
    public async Task<IActionResult> Save(int id, int? centre, SaveCentre.Form form, [FromServices] SaveCentre.Handler save, CancellationToken ct)
    {
        var competition = await FindAsync(id, ct);
        var found = centre is null ? null : await db.ExamCentres.FirstOrDefaultAsync(c => c.Id == centre && c.CompetitionId == id, ct);
        if (competition is null || (centre is not null && found is null))
        {
            return NotFound();
        }

        return this.Check(await save.HandleAsync(competition, found, form, ct))
            ? this.Saved($"Centre « {form.Name!.Trim()} » enregistré.", $"/admin/concours/{id}#centres")
            : this.Redisplay("CentreEdit", new SaveCentre.Page(id, competition.Title, centre, found?.Taken ?? 0, form));
    }

    [HttpPost("{centre:int}/supprimer")]
    public async Task<IActionResult> Remove(int id, int centre, [FromServices] RemoveCentre.Handler remove, CancellationToken ct)
    {
        var competition = await FindAsync(id, ct);
        var found = await db.ExamCentres.FirstOrDefaultAsync(c => c.Id == centre && c.CompetitionId == id, ct);
        if (competition is null || found is null)
        {
            return NotFound();
        }

        var (removed, message) = await remove.HandleAsync(competition, found, ct);
        TempData[removed ? "Message" : "Error"] = message;
        return Redirect($"/admin/concours/{id}#centres");
    }

    private Task<Competition?> FindAsync(int id, CancellationToken ct) => db.Competitions.AsNoTracking().FirstOrDefaultAsync(c => c.Id == id, ct);
}
