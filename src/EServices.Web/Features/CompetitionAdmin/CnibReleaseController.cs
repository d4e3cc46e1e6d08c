namespace EServices.Web.Features.CompetitionAdmin;

/// <summary>« Libérer un numéro CNIB » (from the competition's page): whose application holds it, then its rejection once
/// AGRE confirms.</summary>
[Authorize(Policy = AuthorizationPolicies.CompetitionAdmin)]
[Route("admin/concours/{id:int}/cnib")]
public sealed class CnibReleaseController(AppDbContext db, ReleaseCnib.Handler release) : Controller
{
    [HttpGet("")]
    public async Task<IActionResult> Index(int id, CancellationToken ct) =>
        await FindAsync(id, ct) is { } competition ? View("CnibRelease", new ReleaseCnib.Page(id, competition.Title, new ReleaseCnib.Form())) : NotFound();

    [HttpPost("")]
    public async Task<IActionResult> Find(int id, ReleaseCnib.Form form, CancellationToken ct)
    {
        if (await FindAsync(id, ct) is not { } competition)
        {
            return NotFound();
        }

        var (result, holder) = await release.FindAsync(competition, form, ct);
        return this.Check(result)
            ? View("CnibRelease", new ReleaseCnib.Page(id, competition.Title, form, holder))
            : this.Redisplay("CnibRelease", new ReleaseCnib.Page(id, competition.Title, form));
    }

    [HttpPost("liberer")]
    public async Task<IActionResult> Release(int id, ReleaseCnib.Form form, Guid? candidature, CancellationToken ct)
    {
        if (await FindAsync(id, ct) is not { } competition)
        {
            return NotFound();
        }

        var (result, done) = await release.ReleaseAsync(competition, form, candidature, User.FindFirstValue(ClaimTypes.NameIdentifier)!, ct);
        return this.Check(result)
            ? this.Saved(done!, $"/admin/concours/{id}")
            : this.Redisplay("CnibRelease", new ReleaseCnib.Page(id, competition.Title, form));
    }

    private Task<Competition?> FindAsync(int id, CancellationToken ct) => db.Competitions.AsNoTracking().FirstOrDefaultAsync(c => c.Id == id, ct);
}
