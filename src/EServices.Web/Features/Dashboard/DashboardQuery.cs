using EServices.Web.Workflow;
using EServices.Web.Workflow.Statistics;

namespace EServices.Web.Features.Dashboard;

/// <summary>The ministry dashboard's figures for a period: an administrator sees every service, a head of service theirs.
/// Every table is one query computed by PostgreSQL (<see cref="StatisticsSql"/>).</summary>
public sealed class DashboardQuery(AppDbContext db, StaffScope scope, StatisticsQuery statistics)
{
    public DateOnly Today => statistics.Today;

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
        DashboardFilter filter, StatisticsPeriod period, IReadOnlyList<(int Id, string Code, string Name)> services, CancellationToken ct)
    {
        var inScope = services.Select(s => s.Id).Where(id => period.ServiceId is null || id == period.ServiceId).ToArray();

        var decree = await db.Database.SqlQueryRaw<DecreeProgressRow>(StatisticsSql.Decree).ToListAsync(ct);
        var byService = await statistics.RunAsync<StatisticsRow>(StatisticsSql.ByService, period, inScope, ct);
        var byProcedure = await statistics.RunAsync<StatisticsRow>(StatisticsSql.ByProcedure, period, inScope, ct);
        var weeks = await statistics.RunAsync<WeekCount>(StatisticsSql.Weeks, period, inScope, ct);
        var collected = await statistics.RunAsync<CollectedRow>(StatisticsSql.Collected, period, inScope, ct);

        var progress = new DecreeProgress(
            decree.Sum(d => d.Online),
            decree.Sum(d => d.Listed),
            decree.Where(d => inScope.Contains(d.ServiceId)).ToList());
        return new DashboardPage(filter, period, Today, services, progress, byService, byProcedure, weeks, collected);
    }
}
