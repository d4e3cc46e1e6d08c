namespace EServices.Web.Features.CompetitionAdmin;

public sealed record SessionLine(int Id, string Name, int MaxApplications, int Competitions);

public sealed record CompetitionLine(int Id, string Code, string Title, DateTimeOffset OpensAt, DateTimeOffset ClosesAt, int Places, int Candidacies, int Taken);

public sealed record SessionPage(int Id, string Name, int MaxApplications, IReadOnlyList<CompetitionLine> Competitions);

/// <summary>AGRE's sessions of direct competitions (/admin/concours): the sessions, each with its competitions.</summary>
[Authorize(Policy = AuthorizationPolicies.CompetitionAdmin)]
[Route("admin/concours")]
public sealed class SessionsController(AppDbContext db) : Controller
{
    [HttpGet("")]
    public async Task<IActionResult> SessionList(CancellationToken ct) =>
        View(await db.CompetitionSessions.AsNoTracking().OrderByDescending(s => s.CreatedAt).ThenByDescending(s => s.Id)
            .Select(s => new SessionLine(s.Id, s.Name, s.MaxApplicationsPerCandidate, s.Competitions.Count))
            .ToListAsync(ct));

    [HttpGet("sessions/{id:int}")]
    public async Task<IActionResult> Session(int id, CancellationToken ct)
    {
        var session = await db.CompetitionSessions.AsNoTracking().FirstOrDefaultAsync(s => s.Id == id, ct);
        if (session is null)
        {
            return NotFound();
        }

        var competitions = await db.Competitions.AsNoTracking().Where(c => c.SessionId == id).OrderBy(c => c.OpensAt).ThenBy(c => c.Title)
            .Select(c => new CompetitionLine(c.Id, c.Code, c.Title, c.OpensAt, c.ClosesAt, c.Places,
                db.Candidacies.Count(a => a.CompetitionId == c.Id), c.Centres.Sum(x => x.Taken)))
            .ToListAsync(ct);
        return View(new SessionPage(id, session.Name, session.MaxApplicationsPerCandidate, competitions));
    }

    [HttpGet("sessions/nouvelle")]
    public IActionResult New() => View("SessionEdit", new SaveSession.Page(null, new SaveSession.Form { MaxApplications = "2" }));

    [HttpGet("sessions/{id:int}/modifier")]
    public async Task<IActionResult> Edit(int id, CancellationToken ct) =>
        await db.CompetitionSessions.AsNoTracking().FirstOrDefaultAsync(s => s.Id == id, ct) is { } session
            ? View("SessionEdit", new SaveSession.Page(id, SaveSession.Form.From(session)))
            : NotFound();

    [HttpPost("sessions/nouvelle")]
    [HttpPost("sessions/{id:int}/modifier")]
    public async Task<IActionResult> Save(int? id, SaveSession.Form form, [FromServices] SaveSession.Handler save, CancellationToken ct)
    {
        var session = id is null ? null : await db.CompetitionSessions.FirstOrDefaultAsync(s => s.Id == id, ct);
        if (id is not null && session is null)
        {
            return NotFound();
        }

        var saved = await save.HandleAsync(session, form, ct);
        return this.Check(saved.Result)
            ? this.Saved($"Session « {form.Name!.Trim()} » enregistrée.", $"/admin/concours/sessions/{saved.Id}")
            : this.Redisplay("SessionEdit", new SaveSession.Page(id, form));
    }
}
