namespace EServices.Web.Features.Competitions;

/// <summary>« Concours ouverts »: what anyone may read before applying. The application itself (POST
/// /concours/{code}/candidature) asks for a sign-in.</summary>
[AllowAnonymous]
public sealed class OpenCompetitionsController(OpenCompetitions competitions) : Controller
{
    [HttpGet("/concours")]
    public async Task<IActionResult> List(CancellationToken ct) => View(await competitions.ListAsync(ct));

    [HttpGet("/concours/{code}")]
    public async Task<IActionResult> Detail(string code, CancellationToken ct) =>
        await competitions.DetailAsync(code, ct) is { } page ? View(page) : NotFound();
}
