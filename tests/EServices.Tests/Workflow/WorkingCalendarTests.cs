
namespace EServices.Tests.Workflow;

public sealed class WorkingCalendarTests
{
    private readonly WorkingCalendar _calendar = new([new DateOnly(2026, 3, 20)]); // Aïd el-Fitr 2026, as announced

    [Theory]
    [InlineData(2026, 4, 5)]
    [InlineData(2027, 3, 28)]
    [InlineData(2024, 3, 31)]
    public void Easter_is_computed(int year, int month, int day) =>
        Assert.Equal(new DateOnly(year, month, day), WorkingCalendar.EasterSunday(year));

    [Fact]
    public void Weekends_and_public_holidays_are_not_working_days()
    {
        Assert.False(_calendar.IsWorkingDay(new DateOnly(2026, 11, 28))); // Saturday
        Assert.False(_calendar.IsWorkingDay(new DateOnly(2026, 8, 5)));   // Independence day
        Assert.False(_calendar.IsWorkingDay(new DateOnly(2026, 4, 6)));   // Easter Monday
        Assert.False(_calendar.IsWorkingDay(new DateOnly(2026, 5, 14)));  // Ascension
        Assert.False(_calendar.IsWorkingDay(new DateOnly(2026, 3, 20)));  // configured Aïd el-Fitr
        Assert.True(_calendar.IsWorkingDay(new DateOnly(2026, 11, 25)));  // an ordinary Wednesday
    }

    [Fact]
    public void Due_dates_skip_weekends_and_holidays()
    {
        // Friday 3 April 2026 + 3 working days: Monday 6 is Easter Monday, so Thursday 9.
        Assert.Equal(new DateOnly(2026, 4, 9), _calendar.AddWorkingDays(new DateOnly(2026, 4, 3), 3));
        // Thursday 19 March + 1: Friday 20 is Aïd el-Fitr, so Monday 23.
        Assert.Equal(new DateOnly(2026, 3, 23), _calendar.AddWorkingDays(new DateOnly(2026, 3, 19), 1));
        Assert.Equal(new DateOnly(2026, 11, 25), _calendar.AddWorkingDays(new DateOnly(2026, 11, 25), 0));
    }
}
