namespace EServices.Web.Workflow.Statistics;

/// <summary>One procedure online as the public sees its delays: the one promised on its sheet, and the one measured over
/// the last <see cref="PublicDelays.Days"/> days by the dashboard's figures (accepted and rejected requests, the
/// applicant's waiting left out).</summary>
public sealed record PublicDelay(string Slug, string Title, string ServiceName, int TargetDelayDays, int Decisions, double? MedianDays, double? OnTimePercent);

/// <summary>Every procedure online with its delays, and when they were computed.</summary>
public sealed record PublicDelaysTable(DateOnly From, DateOnly To, DateTimeOffset ComputedAt, IReadOnlyList<PublicDelay> Procedures)
{
    public PublicDelay? Of(string slug) => Procedures.FirstOrDefault(p => p.Slug == slug);
}

/// <summary>
/// The real processing times the public pages show (issue 19). The dashboard's query over every service takes a while on a
/// year of requests, and the procedure sheets are read by everyone at a competition's opening, signed in or not: so each
/// node keeps the table for <see cref="Lifetime"/>, and when it is stale one request computes it again while the others
/// keep reading the previous one.
/// </summary>
public sealed class PublicDelays(IServiceScopeFactory scopes, TimeProvider clock) : IDisposable
{
    public const int Days = 90;

    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(10);

    private readonly SemaphoreSlim _computing = new(1, 1);
    private PublicDelaysTable? _table;

    public async Task<PublicDelaysTable> GetAsync(CancellationToken ct)
    {
        var table = _table;
        if (table is not null && IsFresh(table))
        {
            return table;
        }

        if (table is not null && !await _computing.WaitAsync(0, ct))
        {
            return table; // another request is computing it
        }

        if (table is null)
        {
            await _computing.WaitAsync(ct);
        }

        try
        {
            if (_table is { } computed && IsFresh(computed))
            {
                return computed;
            }

            _table = await ComputeAsync(ct);
            return _table;
        }
        finally
        {
            _computing.Release();
        }
    }

    public void Dispose() => _computing.Dispose();

    /// <summary>Forgets the table, so that the next read computes it (tests that write requests behind the portal's back).</summary>
    public void Forget() => _table = null;

    private bool IsFresh(PublicDelaysTable table) => clock.GetUtcNow() - table.ComputedAt < Lifetime;

    private async Task<PublicDelaysTable> ComputeAsync(CancellationToken ct)
    {
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var statistics = scope.ServiceProvider.GetRequiredService<StatisticsQuery>();
        var now = clock.GetUtcNow();
        var today = DateOnly.FromDateTime(now.UtcDateTime);
        var period = new StatisticsPeriod(today.AddDays(1 - Days), today, null);

        var services = await db.Services.Select(s => s.Id).ToArrayAsync(ct);
        var figures = (await statistics.RunAsync<StatisticsRow>(StatisticsSql.ByProcedure, period, services, ct)).ToDictionary(r => r.ProcedureId!.Value);
        var online = await db.Procedures.AsNoTracking()
            .Where(p => p.PublishedFormVersionId != null && p.ClosedAt == null)
            .OrderBy(p => p.Service.Name).ThenBy(p => p.Title)
            .Select(p => new { p.Id, p.Slug, p.Title, Service = p.Service.Name, p.TargetDelayDays })
            .ToListAsync(ct);
        var procedures = online.Select(p => figures.GetValueOrDefault(p.Id) is { } f
                ? new PublicDelay(p.Slug, p.Title, p.Service, p.TargetDelayDays, f.Timed, f.MedianDays, f.OnTimePercent)
                : new PublicDelay(p.Slug, p.Title, p.Service, p.TargetDelayDays, 0, null, null))
            .ToList();
        return new PublicDelaysTable(period.From, period.To, now, procedures);
    }
}
