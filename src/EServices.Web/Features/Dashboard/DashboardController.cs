
namespace EServices.Web.Features.Dashboard;

/// <summary>The ministry dashboard and its exports. The Supervisor policy admits heads of service and administrators;
/// the figures are limited to the services the user may see, and a service outside them is "not found".</summary>
[Authorize(Policy = AuthorizationPolicies.Supervisor)]
[Route("admin/tableau-de-bord")]
public sealed class DashboardController(DashboardQuery dashboard) : Controller
{
    [HttpGet("")]
    public async Task<IActionResult> Index([FromQuery] DashboardFilter filter, CancellationToken ct)
    {
        var (page, problems) = await LoadAsync(filter, ct);
        if (page is null)
        {
            return NotFound();
        }

        foreach (var (field, message) in problems)
        {
            ModelState.AddModelError(field, message);
        }

        if (problems.Count > 0)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
        }

        return View(page);
    }

    [HttpGet("export.csv")]
    public Task<IActionResult> Csv([FromQuery] DashboardFilter filter, CancellationToken ct) =>
        ExportAsync(filter, t => t.ToCsv(), ExportTable.CsvType, "csv", ct);

    [HttpGet("export.xlsx")]
    public Task<IActionResult> Xlsx([FromQuery] DashboardFilter filter, CancellationToken ct) =>
        ExportAsync(filter, t => t.ToXlsx(), ExportTable.XlsxType, "xlsx", ct);

    private async Task<IActionResult> ExportAsync(
        DashboardFilter filter, Func<ExportTable, byte[]> render, string contentType, string extension, CancellationToken ct)
    {
        var (page, _) = await LoadAsync(filter, ct);
        if (page is null)
        {
            return NotFound();
        }

        // A link with bad dates does not come from the page: send the user to the page, which says what is wrong.
        if (page.Period is not { } period)
        {
            return Redirect("/admin/tableau-de-bord" + Request.QueryString);
        }

        return this.Download(render(StatisticsExport.Build(page)), contentType, $"statistiques-{period.From:yyyy-MM-dd}-{period.To:yyyy-MM-dd}.{extension}");
    }

    /// <summary>The page's figures; null when the service asked for is not one of the user's.</summary>
    private async Task<(DashboardPage? Page, IReadOnlyList<(string Field, string Message)> Problems)> LoadAsync(DashboardFilter filter, CancellationToken ct)
    {
        var services = await dashboard.ServicesAsync(User, ct);
        if (filter.Service is { } chosen && services.All(s => s.Id != chosen))
        {
            return (null, []);
        }

        var (period, problems) = filter.Read(dashboard.Today);
        return period is null
            ? (DashboardPage.Invalid(filter, dashboard.Today, services), problems)
            : (await dashboard.RunAsync(filter, period, services, ct), problems);
    }
}
