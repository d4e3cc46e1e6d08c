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

    /// <summary>The list as a PDF: rendered once per publication and node (<see cref="AdmittedListFiles"/>), cached by
    /// browsers and proxies for five minutes, then revalidated (304 while the publication is the same).</summary>
    [HttpGet("{code}/liste.pdf")]
    public async Task<IActionResult> Pdf(string code, [FromServices] AdmittedListFiles files, CancellationToken ct)
    {
        if (await results.FindAsync(code, ct) is not { } c)
        {
            return NotFound();
        }

        var file = await files.GetAsync(c, async token =>
            ResultsListPdf.Render(new(c.Service, c.Session, c.Title, c.PublishedAt), await results.AdmittedAsync(c.Id, token)), ct);
        Response.Headers.ContentDisposition = Downloads.ContentDisposition($"admis-{c.Code}.pdf", inline: true);
        Response.Headers.CacheControl = "public, max-age=300";
        return File(file.Content, "application/pdf", file.PublishedAt, file.ETag);
    }
}
