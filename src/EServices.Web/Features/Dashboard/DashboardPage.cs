using EServices.Web.Workflow.Statistics;
namespace EServices.Web.Features.Dashboard;

/// <summary>Everything the dashboard shows for one period and scope.</summary>
public sealed record DashboardPage(
    DashboardFilter Filter,
    StatisticsPeriod? Period,
    DateOnly Today,
    IReadOnlyList<(int Id, string Code, string Name)> Services,
    DecreeProgress? Decree,
    IReadOnlyList<StatisticsRow> ByService,
    IReadOnlyList<StatisticsRow> ByProcedure,
    IReadOnlyList<WeekCount> Weeks,
    IReadOnlyList<CollectedRow> Collected)
{
    /// <summary>The page with the filter form only, when the dates typed cannot be read.</summary>
    public static DashboardPage Invalid(DashboardFilter filter, DateOnly today, IReadOnlyList<(int, string, string)> services) =>
        new(filter, null, today, services, null, [], [], [], []);
}
