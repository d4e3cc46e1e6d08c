namespace EServices.Web.Features.CompetitionAdmin;

/// <summary>The competitions of a session: conditions, fee, window, documents; the page of one also lists its centres.</summary>
[Authorize(Policy = AuthorizationPolicies.CompetitionAdmin)]
[Route("admin/concours")]
public sealed class CompetitionsController(AppDbContext db) : Controller
{
    [HttpGet("sessions/{id:int}/nouveau")]
    public async Task<IActionResult> New(int id, CancellationToken ct) =>
        await SessionNameAsync(id, ct) is { } name ? View("CompetitionEdit", new SaveCompetition.Page(id, name, null, SaveCompetition.Form.New(), [])) : NotFound();

    [HttpPost("sessions/{id:int}/nouveau")]
    public async Task<IActionResult> Create(int id, SaveCompetition.Form form, [FromServices] SaveCompetition.Handler save, CancellationToken ct)
    {
        if (await SessionNameAsync(id, ct) is not { } name)
        {
            return NotFound();
        }

        var saved = await save.HandleAsync(id, null, form, ct);
        return this.Check(saved.Result)
            ? this.Saved($"Concours « {form.Title!.Trim()} » créé : ajoutez ses centres d'examen.", $"/admin/concours/{saved.Id}")
            : this.Redisplay("CompetitionEdit", new SaveCompetition.Page(id, name, null, form, []));
    }

    [HttpGet("{id:int}")]
    public async Task<IActionResult> Edit(int id, CancellationToken ct) =>
        await db.Competitions.AsNoTracking().Include(c => c.Session).FirstOrDefaultAsync(c => c.Id == id, ct) is { } competition
            ? View("CompetitionEdit", await PageAsync(competition, SaveCompetition.Form.From(competition), ct))
            : NotFound();

    [HttpPost("{id:int}")]
    public async Task<IActionResult> Save(int id, SaveCompetition.Form form, [FromServices] SaveCompetition.Handler save, CancellationToken ct)
    {
        var competition = await db.Competitions.Include(c => c.Session).FirstOrDefaultAsync(c => c.Id == id, ct);
        if (competition is null)
        {
            return NotFound();
        }

        var saved = await save.HandleAsync(competition.SessionId, competition, form, ct);
        return this.Check(saved.Result)
            ? this.Saved($"Concours « {competition.Title} » enregistré.", $"/admin/concours/sessions/{competition.SessionId}")
            : this.Redisplay("CompetitionEdit", await PageAsync(competition, form, ct));
    }

    private Task<string?> SessionNameAsync(int id, CancellationToken ct) =>
        db.CompetitionSessions.AsNoTracking().Where(s => s.Id == id).Select(s => s.Name).FirstOrDefaultAsync(ct);

    private async Task<SaveCompetition.Page> PageAsync(Competition competition, SaveCompetition.Form form, CancellationToken ct) =>
        new(competition.SessionId, competition.Session.Name, competition.Id, form,
            await db.ExamCentres.AsNoTracking().Where(c => c.CompetitionId == competition.Id).OrderBy(c => c.Name)
                .Select(c => new SaveCompetition.CentreLine(c.Id, c.Name, c.Capacity, c.RoomSize, c.Taken)).ToListAsync(ct));
}
