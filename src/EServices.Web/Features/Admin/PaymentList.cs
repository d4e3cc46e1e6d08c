using System.Globalization;

namespace EServices.Web.Features.Admin;

/// <summary>The payments list's query string as typed, kept as text so that an odd value is told or ignored, never a 500.</summary>
public sealed class PaymentFilter
{
    public const int PageSize = 50;

    public string? Service { get; set; }
    public string? Procedure { get; set; }
    public string? Du { get; set; }
    public string? Au { get; set; }
    public string? Statut { get; set; }
    public string? Signal { get; set; }
    public string? Moyen { get; set; }

    /// <summary>A transaction id, a provider's reference, a request's number or a payment code.</summary>
    public string? Q { get; set; }

    public string? Page { get; set; }

    public int PageNumber => int.TryParse(Page, NumberStyles.None, CultureInfo.InvariantCulture, out var page) && page is >= 1 and <= 100_000 ? page : 1;

    public static int? Id(string? text) => int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? id : null;

    /// <summary>A day as a date input sends it, or as typed by hand; null when empty; the error when unreadable.
    /// Years outside 2000–2100 are refused: the day after 31/12/9999 does not exist.</summary>
    public static (DateOnly? Day, string? Error) Day(string? text) =>
        string.IsNullOrWhiteSpace(text) ? (null, null)
        : !DateOnly.TryParseExact(text.Trim(), ["yyyy-MM-dd", "dd/MM/yyyy"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var day)
            ? (null, "Saisissez une date valide, par exemple 26/03/2027.")
            : day.Year is >= 2000 and <= 2100 ? (day, null) : (null, YearOutOfRange);

    public const string YearOutOfRange = "Saisissez une date entre 2000 et 2100, par exemple 26/03/2027.";

    public string Query(int page) => QueryString.Create(new Dictionary<string, string?>
    {
        ["service"] = Service, ["procedure"] = Procedure, ["du"] = Du, ["au"] = Au, ["statut"] = Statut, ["signal"] = Signal, ["moyen"] = Moyen, ["q"] = Q,
        ["page"] = page.ToString(CultureInfo.InvariantCulture),
    }.Where(p => !string.IsNullOrEmpty(p.Value))).ToUriComponent();
}

/// <summary>One attempt as the list shows it.</summary>
public sealed record PaymentLine(
    Guid Id, DateTimeOffset CreatedAt, string? Number, string? PaymentCode, bool RequestGone, string Procedure, string ServiceCode, int Amount, int? PaidAmount,
    string Provider, string? Method, string? Reference, string TransactionId, PaymentStatus Status, PaymentFlag Flag, DateTimeOffset? RefundedAt, string? RefundNote)
{
    public string RequestLabel => Number ?? (RequestGone ? "brouillon supprimé" : $"{PaymentCode} (non déposée)");
    public string Means => PaymentLabels.Means(Provider, Method, Status);
    public string StatusLabel => PaymentLabels.Status(Status);
    public string FlagLabel => PaymentLabels.Flag(Flag, RefundedAt);
    public bool CanBeRefunded => Flag != PaymentFlag.None && RefundedAt is null;
}

public sealed record PaymentListPage(
    PaymentFilter Filter, IReadOnlyList<PaymentLine> Lines, int Total, IReadOnlyList<(int Id, string Name)> Services, IReadOnlyList<(int Id, string Name)> Procedures)
{
    public int Pages => Math.Max(1, (Total + PaymentFilter.PageSize - 1) / PaymentFilter.PageSize);
}

/// <summary>The words of the payments' states, in the list and in the report.</summary>
public static class PaymentLabels
{
    public static readonly IReadOnlyList<(PaymentStatus Status, string Label)> Statuses =
        [(PaymentStatus.Paid, "Payé"), (PaymentStatus.Pending, "En attente"), (PaymentStatus.Failed, "Échoué"), (PaymentStatus.Expired, "Expiré")];

    public static readonly IReadOnlyList<(string Value, string Label)> Flags =
        [("aucun", "Aucun"), (nameof(PaymentFlag.RefundDue), "À rembourser"), (nameof(PaymentFlag.WrongAmount), "Montant erroné"), ("rembourse", "Remboursé")];

    public static string Status(PaymentStatus status) => Statuses.Single(s => s.Status == status).Label;

    public static string Flag(PaymentFlag flag, DateTimeOffset? refundedAt) => flag switch
    {
        PaymentFlag.None => "",
        _ when refundedAt is { } at => $"Remboursé le {at.UtcDateTime:dd/MM/yyyy}",
        PaymentFlag.RefundDue => "À rembourser",
        _ => "Montant erroné",
    };

    public static string Means(string provider, string? method, PaymentStatus status) =>
        provider == Payment.Counter ? "Guichet du Trésor" : status == PaymentStatus.Paid ? $"{Payment.MeansLabel(method)} ({provider})" : $"Mobile money ({provider})";
}

/// <summary>The payments of every service, filtered and paged, for the administrators.</summary>
public sealed class PaymentListQuery(AppDbContext db)
{
    public async Task<(PaymentListPage Page, IReadOnlyList<(string Field, string Message)> Problems)> RunAsync(PaymentFilter filter, CancellationToken ct)
    {
        var problems = new List<(string, string)>();
        var (from, fromError) = PaymentFilter.Day(filter.Du);
        var (to, toError) = PaymentFilter.Day(filter.Au);
        problems.AddRange(new[] { ("du", fromError), ("au", toError) }.Where(p => p.Item2 is not null).Select(p => (p.Item1, p.Item2!)));
        var payments = db.Payments.AsNoTracking();
        if (PaymentFilter.Id(filter.Service) is { } service)
        {
            payments = payments.Where(p => p.ServiceId == service);
        }

        if (PaymentFilter.Id(filter.Procedure) is { } procedure)
        {
            payments = payments.Where(p => p.ProcedureId == procedure);
        }

        if (from is { } start)
        {
            var at = new DateTimeOffset(start.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
            payments = payments.Where(p => p.CreatedAt >= at);
        }

        if (to is { } end)
        {
            var before = new DateTimeOffset(end.AddDays(1).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
            payments = payments.Where(p => p.CreatedAt < before);
        }

        if (Enum.TryParse<PaymentStatus>(filter.Statut, out var status) && Enum.IsDefined(status))
        {
            payments = payments.Where(p => p.Status == status);
        }

        payments = filter.Signal switch
        {
            "aucun" => payments.Where(p => p.Flag == PaymentFlag.None),
            nameof(PaymentFlag.RefundDue) => payments.Where(p => p.Flag == PaymentFlag.RefundDue && p.RefundedAt == null),
            nameof(PaymentFlag.WrongAmount) => payments.Where(p => p.Flag == PaymentFlag.WrongAmount && p.RefundedAt == null),
            "rembourse" => payments.Where(p => p.RefundedAt != null),
            _ => payments,
        };
        if (filter.Moyen is { Length: > 0 and <= 20 } provider)
        {
            payments = payments.Where(p => p.Provider == provider);
        }

        if (filter.Q?.Trim() is { Length: > 0 and <= 100 } q)
        {
            var upper = q.ToUpperInvariant();
            payments = payments.Where(p => p.TransactionId == upper || p.Reference == q || p.Reference == upper
                || db.Requests.Any(r => r.Id == p.RequestId && (r.Number == upper || r.PaymentCode == upper)));
        }

        var total = await payments.CountAsync(ct);
        var lines = await payments.OrderByDescending(p => p.CreatedAt).ThenBy(p => p.TransactionId)
            .Skip((filter.PageNumber - 1) * PaymentFilter.PageSize).Take(PaymentFilter.PageSize)
            .Select(p => new PaymentLine(
                p.Id, p.CreatedAt,
                db.Requests.Where(r => r.Id == p.RequestId).Select(r => r.Number).FirstOrDefault(),
                db.Requests.Where(r => r.Id == p.RequestId).Select(r => r.PaymentCode).FirstOrDefault(),
                p.RequestId == null,
                db.Procedures.Where(x => x.Id == p.ProcedureId).Select(x => x.Title).First(),
                db.Services.Where(s => s.Id == p.ServiceId).Select(s => s.Code).First(),
                p.Amount, p.PaidAmount, p.Provider, p.Method, p.Reference, p.TransactionId, p.Status, p.Flag, p.RefundedAt, p.RefundNote))
            .ToListAsync(ct);
        var services = await db.Services.AsNoTracking().OrderBy(s => s.Code).Select(s => new { s.Id, Name = s.Code + " – " + s.Name }).ToListAsync(ct);
        var procedures = await db.Procedures.AsNoTracking().Where(p => db.Payments.Any(x => x.ProcedureId == p.Id))
            .OrderBy(p => p.Title).Select(p => new { p.Id, p.Title }).ToListAsync(ct);
        return (new PaymentListPage(filter, lines, total, [.. services.Select(s => (s.Id, s.Name))], [.. procedures.Select(p => (p.Id, p.Title))]), problems);
    }
}
