using EServices.Web.Workflow.Statistics;
using EServices.Tests.Infrastructure;
using Npgsql;
using NpgsqlTypes;

namespace EServices.Tests.Features.Dashboard;

/// <summary>PostgreSQL counts working days as <see cref="WorkingCalendar.WorkingDaysBetween"/> does, holidays included.</summary>
[Collection(WebCollection.Name)]
public sealed class WorkingDaysSqlTests(HostFixture host)
{
    private static readonly WorkingCalendar Calendar = new([new DateOnly(2027, 3, 10)]); // a movable holiday, as configured

    [Theory]
    [InlineData("2027-03-26", "2027-03-26")] // the same day: none
    [InlineData("2027-03-26", "2027-04-02")] // across a weekend and Easter Monday
    [InlineData("2027-03-01", "2027-03-12")] // across women's day (8 March) and the configured holiday (10 March)
    [InlineData("2027-03-27", "2027-03-28")] // a weekend only
    [InlineData("2026-12-24", "2027-01-05")] // Christmas, New Year and 3 January (a Sunday) across two years
    [InlineData("2027-04-30", "2027-05-17")] // 1 May, Ascension (6 May) and 15 May
    [InlineData("2027-03-12", "2027-03-01")] // backwards: none
    public async Task Sql_and_calendar_agree(string from, string to)
    {
        var (start, end) = (DateOnly.Parse(from, System.Globalization.CultureInfo.InvariantCulture), DateOnly.Parse(to, System.Globalization.CultureInfo.InvariantCulture));
        await using var connection = new NpgsqlConnection(host.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"SELECT {WorkingDaysSql.Between("@from", "@to")}", connection);
        command.Parameters.Add(new NpgsqlParameter("from", NpgsqlDbType.Date) { Value = start });
        command.Parameters.Add(new NpgsqlParameter("to", NpgsqlDbType.Date) { Value = end });
        command.Parameters.Add(new NpgsqlParameter(WorkingDaysSql.HolidaysParameter, NpgsqlDbType.Array | NpgsqlDbType.Date)
        {
            Value = WorkingDaysSql.Holidays(Calendar, 2026, 2027),
        });

        Assert.Equal(Calendar.WorkingDaysBetween(start, end), (int)(await command.ExecuteScalarAsync())!);
    }

    [Fact]
    public void The_holidays_passed_to_postgresql_are_the_calendars()
    {
        var holidays = WorkingDaysSql.Holidays(Calendar, 2027, 2027);

        Assert.Contains(new DateOnly(2027, 3, 29), holidays); // Easter Monday
        Assert.Contains(new DateOnly(2027, 3, 10), holidays); // configured
        Assert.Contains(new DateOnly(2027, 12, 25), holidays);
        Assert.DoesNotContain(new DateOnly(2027, 3, 26), holidays);
        Assert.All(holidays, d => Assert.Equal(2027, d.Year));
        Assert.Equal(13, holidays.Length); // ten fixed, Easter Monday, Ascension and the configured one
    }
}
