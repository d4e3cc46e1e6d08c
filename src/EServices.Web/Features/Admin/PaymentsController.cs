namespace EServices.Web.Features.Admin;

/// <summary>« Paiements »: every attempt of every service, the refunds of flagged money and the daily reconciliation report.</summary>
[Authorize(Policy = AuthorizationPolicies.Admin)]
[Route("admin/paiements")]
public sealed class PaymentsController(PaymentListQuery list, AppDbContext db) : Controller
{
    [HttpGet("")]
    public async Task<IActionResult> Index([FromQuery] PaymentFilter filter, CancellationToken ct)
    {
        var (page, problems) = await list.RunAsync(filter, ct);
        return Show(page, problems);
    }

    /// <summary>The report of one service for one day, as CSV or as a workbook.</summary>
    [HttpGet("rapport")]
    public async Task<IActionResult> Report([FromQuery] PaymentFilter filter, string? jour, string? format, [FromServices] Reconciliation reconciliation, CancellationToken ct)
    {
        var (day, error) = PaymentFilter.Day(jour);
        var serviceId = PaymentFilter.Id(filter.Service);
        var problems = new List<(string, string)>();
        if (day is null)
        {
            problems.Add(("jour", error ?? "Indiquez le jour du rapport."));
        }

        var service = serviceId is null ? null : await db.Services.AsNoTracking().Where(s => s.Id == serviceId).Select(s => s.Code).SingleOrDefaultAsync(ct);
        if (service is null)
        {
            problems.Add(("rapport-service", "Choisissez le service du rapport."));
        }

        if (problems.Count > 0)
        {
            return Show((await list.RunAsync(filter, ct)).Page, problems);
        }

        var table = await reconciliation.BuildAsync(serviceId!.Value, day!.Value, ct);
        var name = $"rapprochement-{service}-{day:yyyy-MM-dd}";
        return format == "xlsx"
            ? this.Download(table.ToXlsx(), ExportTable.XlsxType, name + ".xlsx")
            : this.Download(table.ToCsv(), ExportTable.CsvType, name + ".csv");
    }

    [HttpGet("{id:guid}/remboursement")]
    public async Task<IActionResult> Refund(Guid id, CancellationToken ct) =>
        await LineAsync(id, ct) is { CanBeRefunded: true } line ? View("PaymentRefund", new MarkRefunded.Page(line, new MarkRefunded.Form())) : NotFound();

    [HttpPost("{id:guid}/remboursement")]
    public async Task<IActionResult> Refund(Guid id, MarkRefunded.Form form, [FromServices] MarkRefunded.Handler handler, CancellationToken ct)
    {
        if (await LineAsync(id, ct) is not { } line)
        {
            return NotFound();
        }

        if (!this.Check(await handler.HandleAsync(id, form, User.FindFirstValue(ClaimTypes.NameIdentifier)!, ct)))
        {
            return this.Redisplay("PaymentRefund", new MarkRefunded.Page(line, form));
        }

        return this.Saved($"Le remboursement du paiement {line.TransactionId} est enregistré.", $"/admin/paiements?q={line.TransactionId}");
    }

    private async Task<PaymentLine?> LineAsync(Guid id, CancellationToken ct)
    {
        var transaction = await db.Payments.Where(p => p.Id == id).Select(p => p.TransactionId).SingleOrDefaultAsync(ct);
        return transaction is null ? null : (await list.RunAsync(new PaymentFilter { Q = transaction }, ct)).Page.Lines.SingleOrDefault(l => l.Id == id);
    }

    private ViewResult Show(PaymentListPage page, IReadOnlyList<(string Field, string Message)> problems)
    {
        foreach (var (field, message) in problems)
        {
            ModelState.AddModelError(field, message);
        }

        return problems.Count > 0 ? this.Redisplay("PaymentList", page) : View("PaymentList", page);
    }
}
