
namespace EServices.Web.Features.BackOffice;

/// <summary>The inbox's "Exporter" links: the same query string as the inbox, the same requests, as CSV or Excel.</summary>
[Authorize(Policy = AuthorizationPolicies.BackOffice)]
[Route("back-office")]
public sealed class InboxExportController(InboxExport export, TimeProvider clock) : Controller
{
    [HttpGet("export.csv")]
    public async Task<IActionResult> Csv([FromQuery] InboxCriteria criteria, CancellationToken ct) =>
        this.Download((await export.RunAsync(User, criteria, ct)).ToCsv(), ExportTable.CsvType, FileName("csv"));

    [HttpGet("export.xlsx")]
    public async Task<IActionResult> Xlsx([FromQuery] InboxCriteria criteria, CancellationToken ct) =>
        this.Download((await export.RunAsync(User, criteria, ct)).ToXlsx(), ExportTable.XlsxType, FileName("xlsx"));

    private string FileName(string extension) => $"demandes-{clock.GetUtcNow():yyyy-MM-dd}.{extension}";
}
