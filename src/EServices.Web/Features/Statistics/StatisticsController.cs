using EServices.Web.Features.Catalogue;
using EServices.Web.Workflow.Statistics;
using Microsoft.AspNetCore.OutputCaching;

namespace EServices.Web.Features.Statistics;

/// <summary>« Délais de traitement » : every procedure online, its promised delay beside the one measured.</summary>
[AllowAnonymous]
[OutputCache(PolicyName = CataloguePageCache.Policy)]
public sealed class StatisticsController(PublicDelays delays) : Controller
{
    [HttpGet("/statistiques")]
    public async Task<IActionResult> Index(CancellationToken ct) => View(await delays.GetAsync(ct));
}
