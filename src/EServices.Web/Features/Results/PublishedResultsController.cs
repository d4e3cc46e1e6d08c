using EServices.Web.Documents;

namespace EServices.Web.Features.Results;

/// <summary>« Résultats des concours »: published results, without an account. A competition whose results are not
/// published does not exist here (404), whatever its code.</summary>
[AllowAnonymous]
[Route("resultats")]
public sealed class PublishedResultsController(PublishedResults results) : Controller
{
    [HttpGet("")]
    public async Task<IActionResult> List(CancellationToken ct) => View("List", await results.ListAsync(ct));

    [HttpGet("{code}")]
    public async Task<IActionResult> Search(string code, [FromQuery] string? q, CancellationToken ct) =>
        await results.FindAsync(code, ct) is { } competition ? View("Search", await results.SearchAsync(competition, q, ct)) : NotFound();

    [HttpGet("{code}/liste.pdf")]
    public async Task<IActionResult> Pdf(string code, CancellationToken ct)
    {
        if (await results.FindAsync(code, ct) is not { } c)
        {
            return NotFound();
        }

        var heading = new ResultsListHeading(c.Service, c.Session, c.Title, c.PublishedAt, await results.AdmittedAsync(c.Id, ct));
        Response.ContentType = "application/pdf";
        Response.Headers.ContentDisposition = Downloads.ContentDisposition($"admis-{c.Code}.pdf", inline: true);
        await ResultsListPdf.WriteAsync(Response.Body, heading, results.ListOf(c.Id), ct);
        return new EmptyResult();
    }
}
