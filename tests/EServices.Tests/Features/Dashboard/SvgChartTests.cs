using EServices.Web.Workflow.Statistics;
using EServices.Web.Features.Dashboard;

namespace EServices.Tests.Features.Dashboard;

public sealed class SvgChartTests
{
    [Theory]
    [InlineData(0, 1, 1)]
    [InlineData(3, 1, 3)]
    [InlineData(4, 1, 4)]
    [InlineData(7, 2, 8)]
    [InlineData(10, 5, 10)]
    [InlineData(37, 10, 40)]
    [InlineData(1234, 500, 1500)]
    public void The_vertical_axis_goes_up_in_round_steps_to_just_above_the_highest_value(int max, int step, int top) =>
        Assert.Equal((step, top), SvgChart.Scale(max));

    [Fact]
    public void Weeks_spread_across_the_plot_and_values_scale_to_the_top_of_the_axis()
    {
        var weeks = new[] { Week(1, 0, 4), Week(8, 4, 2), Week(15, 2, 0) };

        var chart = SvgChart.Trend(weeks);

        // Axis from 0 to 4: the plot runs from y = 210 (0) to y = 12 (4), x from 48 to 455.
        Assert.Equal("48,210 252,12 455,111", chart.FiledPoints);
        Assert.Equal("48,12 252,111 455,210", chart.DecidedPoints);
        Assert.Equal(["0", "1", "2", "3", "4"], chart.Ticks.Select(t => t.Label));
        Assert.Equal([210, 12], new[] { chart.Ticks[0].Y, chart.Ticks[^1].Y });
        Assert.Equal(["01/03", "08/03", "15/03"], chart.Labels.Select(l => l.Label));
    }

    [Fact]
    public void A_long_period_keeps_about_six_dates_under_the_axis_and_a_single_week_sits_in_the_middle()
    {
        var year = Enumerable.Range(0, 52).Select(i => new WeekCount { WeekStart = new DateOnly(2027, 1, 4).AddDays(7 * i), Filed = i }).ToList();
        Assert.InRange(SvgChart.Trend(year).Labels.Count, 5, 7);

        var single = SvgChart.Trend([Week(1, 0, 0)]);
        Assert.Equal("251,210", single.FiledPoints);
        Assert.Equal(["0", "1"], single.Ticks.Select(t => t.Label));
    }

    [Fact]
    public void Bars_are_as_long_as_their_percentage_and_a_service_without_decisions_gets_none()
    {
        var chart = SvgChart.Bars([("DGFP", 100), ("AGRE", 50), ("DGT", null)]);

        Assert.Equal([SvgChart.BarLength, SvgChart.BarLength / 2, 0], chart.Bars.Select(b => b.Length));
        Assert.Equal(["100\u00a0%", "50\u00a0%", "aucune décision"], chart.Bars.Select(b => b.Value));
        Assert.True(chart.Bars[1].Y > chart.Bars[0].Y && chart.Height > chart.Bars[2].Y + chart.BarHeight);
    }

    [Fact]
    public void The_viewbox_is_fixed_so_the_svg_scales_to_the_width_of_the_screen()
    {
        var chart = SvgChart.Trend([Week(1, 1, 1)]);
        Assert.Equal((480, 240), (chart.Width, chart.Height));
    }

    private static WeekCount Week(int marchDay, int filed, int decided) =>
        new() { WeekStart = new DateOnly(2027, 3, marchDay), Filed = filed, Decided = decided };
}
