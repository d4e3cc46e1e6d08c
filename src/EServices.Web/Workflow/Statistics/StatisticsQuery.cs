using Npgsql;
using NpgsqlTypes;

namespace EServices.Web.Workflow.Statistics;

/// <summary>Runs one of <see cref="StatisticsSql"/>'s queries for a period and the services in scope, with the public
/// holidays its working days need: the dashboard's tables and the public delays are computed by the same SQL.</summary>
public sealed class StatisticsQuery(AppDbContext db, WorkingCalendar calendar, TimeProvider clock)
{
    private (StatisticsPeriod Period, DateOnly[] Days)? _holidays;

    public DateOnly Today => DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);

    public async Task<List<T>> RunAsync<T>(string sql, StatisticsPeriod period, int[] services, CancellationToken ct) =>
        await db.Database.SqlQueryRaw<T>(
            sql,
            new NpgsqlParameter("from", NpgsqlDbType.Date) { Value = period.From },
            new NpgsqlParameter("to", NpgsqlDbType.Date) { Value = period.To },
            new NpgsqlParameter("today", NpgsqlDbType.Date) { Value = Today },
            new NpgsqlParameter("services", NpgsqlDbType.Array | NpgsqlDbType.Integer) { Value = services },
            new NpgsqlParameter(WorkingDaysSql.HolidaysParameter, NpgsqlDbType.Array | NpgsqlDbType.Date) { Value = await HolidaysAsync(period, ct) })
            .ToListAsync(ct);

    /// <summary>The holidays of every year a request decided in the period may have been processed in: from the year of the
    /// oldest such filing (or the period's start) to the period's end. Read once per period: the dashboard runs four
    /// queries on one.</summary>
    private async Task<DateOnly[]> HolidaysAsync(StatisticsPeriod period, CancellationToken ct)
    {
        if (_holidays is { } known && known.Period == period)
        {
            return known.Days;
        }

        var start = new DateTimeOffset(period.From.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
        var end = new DateTimeOffset(period.To.AddDays(1).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
        var oldest = await db.Requests.Where(r => r.DecidedAt >= start && r.DecidedAt < end).MinAsync(r => r.SubmittedAt, ct);
        var fromYear = Math.Min(period.From.Year, oldest?.UtcDateTime.Year ?? period.From.Year);
        var days = WorkingDaysSql.Holidays(calendar, fromYear, period.To.Year);
        _holidays = (period, days);
        return days;
    }
}
