using EServices.Web.Workflow;
using Npgsql;
using NpgsqlTypes;

namespace EServices.Web.Features.Dashboard;

/// <summary>The ministry dashboard's figures for a period: an administrator sees every service, a head of service theirs.
/// Every table is one query computed by PostgreSQL (<see cref="DashboardSql"/>).</summary>
public sealed class DashboardQuery(AppDbContext db, StaffScope scope, WorkingCalendar calendar, TimeProvider clock)
{
    public DateOnly Today => DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);

    /// <summary>The services the user may see, for the filter and the scope of every figure.</summary>
    public async Task<IReadOnlyList<(int Id, string Code, string Name)>> ServicesAsync(ClaimsPrincipal user, CancellationToken ct)
    {
        var all = user.IsInRole(Roles.Admin);
        var mine = all ? [] : await scope.ServiceIdsAsync(user, ct);
        var services = await db.Services.AsNoTracking()
            .Where(s => all || mine.Contains(s.Id))
            .OrderBy(s => s.Code)
            .Select(s => new { s.Id, s.Code, s.Name })
            .ToListAsync(ct);
        return services.Select(s => (s.Id, s.Code, s.Name)).ToList();
    }

    public async Task<DashboardPage> RunAsync(
        DashboardFilter filter, DashboardPeriod period, IReadOnlyList<(int Id, string Code, string Name)> services, CancellationToken ct)
    {
        var inScope = services.Select(s => s.Id).Where(id => period.ServiceId is null || id == period.ServiceId).ToArray();
        var holidays = await HolidaysAsync(period, ct);

        var decree = await db.Database.SqlQueryRaw<DecreeProgressRow>(DashboardSql.Decree).ToListAsync(ct);
        var byService = await QueryAsync<StatisticsRow>(DashboardSql.ByService, period, inScope, holidays, ct);
        var byProcedure = await QueryAsync<StatisticsRow>(DashboardSql.ByProcedure, period, inScope, holidays, ct);
        var weeks = await QueryAsync<WeekCount>(DashboardSql.Weeks, period, inScope, holidays, ct);
        var collected = await QueryAsync<CollectedRow>(DashboardSql.Collected, period, inScope, holidays, ct);

        var progress = new DecreeProgress(
            decree.Sum(d => d.Online),
            decree.Sum(d => d.Listed),
            decree.Where(d => inScope.Contains(d.ServiceId)).ToList());
        return new DashboardPage(filter, period, Today, services, progress, byService, byProcedure, weeks, collected);
    }

    private Task<List<T>> QueryAsync<T>(string sql, DashboardPeriod period, int[] services, DateOnly[] holidays, CancellationToken ct) =>
        db.Database.SqlQueryRaw<T>(
            sql,
            new NpgsqlParameter("from", NpgsqlDbType.Date) { Value = period.From },
            new NpgsqlParameter("to", NpgsqlDbType.Date) { Value = period.To },
            new NpgsqlParameter("today", NpgsqlDbType.Date) { Value = Today },
            new NpgsqlParameter("services", NpgsqlDbType.Array | NpgsqlDbType.Integer) { Value = services },
            new NpgsqlParameter(WorkingDaysSql.HolidaysParameter, NpgsqlDbType.Array | NpgsqlDbType.Date) { Value = holidays })
            .ToListAsync(ct);

    /// <summary>The holidays of every year a request decided in the period may have been processed in: from the year of the
    /// oldest such filing (or the period's start) to the period's end.</summary>
    private async Task<DateOnly[]> HolidaysAsync(DashboardPeriod period, CancellationToken ct)
    {
        var start = new DateTimeOffset(period.From.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
        var end = new DateTimeOffset(period.To.AddDays(1).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
        var oldest = await db.Requests.Where(r => r.DecidedAt >= start && r.DecidedAt < end).MinAsync(r => r.SubmittedAt, ct);
        var fromYear = Math.Min(period.From.Year, oldest?.UtcDateTime.Year ?? period.From.Year);
        return WorkingDaysSql.Holidays(calendar, fromYear, period.To.Year);
    }
}
