using Microsoft.AspNetCore.OutputCaching;

namespace EServices.Web.Features.Catalogue;

[AllowAnonymous]
[OutputCache(PolicyName = CataloguePageCache.Policy)]
public sealed class CatalogueController(HomeQuery home, SearchQuery search, SheetQuery sheet) : Controller
{
    [HttpGet("/")]
    public async Task<IActionResult> Home(CancellationToken ct) => View(await home.RunAsync(ct));

    [HttpGet("/demarches")]
    public async Task<IActionResult> Search([FromQuery] SearchCriteria criteria, CancellationToken ct) =>
        View(await search.RunAsync(criteria, ct));

    [HttpGet("/demarches/{slug}")]
    public async Task<IActionResult> Sheet(string slug, CancellationToken ct) =>
        await sheet.RunAsync(slug, ct) is { } page ? View(page) : NotFound();
}
