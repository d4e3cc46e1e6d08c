using EServices.Web.Workflow.Statistics;
namespace EServices.Web.Features.Dashboard;

/// <summary>A line across the plot at height <see cref="Y"/> with its label (a tick of the vertical axis).</summary>
public sealed record AxisTick(int Y, string Label);

/// <summary>A label under the plot, centred on <see cref="X"/>.</summary>
public sealed record AxisLabel(int X, string Label);

/// <summary>Two lines over weeks: requests filed and requests decided. Coordinates are whole units of the viewBox, so that
/// they print the same in any culture.</summary>
public sealed record TrendChart(
    int Width, int Height, int Left, int Right, int Top, int Bottom,
    string FiledPoints, string DecidedPoints, IReadOnlyList<AxisTick> Ticks, IReadOnlyList<AxisLabel> Labels);

/// <summary>One horizontal bar: its label, its top, its length and the value written after it (or "aucune décision").</summary>
public sealed record Bar(string Label, int Y, int Length, string Value);

public sealed record BarChart(int Width, int Height, int Left, int BarHeight, IReadOnlyList<Bar> Bars);

/// <summary>The geometry of the dashboard's two charts, drawn as SVG by the views (_TrendChart, _BarChart). The viewBox
/// keeps the proportions while the SVG takes the width of the screen, a phone's too.</summary>
public static class SvgChart
{
    public const int Width = 480;
    private const int TrendHeight = 240, Left = 48, Right = 455, Top = 12, Bottom = 210;
    private const int LabelWidth = 80, BarHeight = 22, BarGap = 10, ValueRoom = 110;

    /// <summary>The bars' full length: 100 %.</summary>
    public const int BarLength = Width - LabelWidth - ValueRoom;

    /// <summary>The smallest round step (1, 2 or 5 times a power of ten) that cuts <paramref name="max"/> into four parts at
    /// most, and the top of the axis: the first multiple of the step at or above the maximum (one step when all is zero).</summary>
    public static (int Step, int Top) Scale(int max)
    {
        var rough = Math.Max(1, (int)Math.Ceiling(max / 4.0));
        var power = 1;
        while (power * 10 <= rough)
        {
            power *= 10;
        }

        var step = new[] { 1, 2, 5, 10 }.Select(m => m * power).First(s => s >= rough);
        return (step, Math.Max(step, (int)Math.Ceiling(max / (double)step) * step));
    }

    public static TrendChart Trend(IReadOnlyList<WeekCount> weeks)
    {
        var (step, top) = Scale(weeks.Count == 0 ? 0 : weeks.Max(w => Math.Max(w.Filed, w.Decided)));
        int X(int i) => weeks.Count <= 1 ? (Left + Right) / 2 : Left + (int)Math.Round(i * (Right - Left) / (double)(weeks.Count - 1));
        int Y(int value) => Bottom - (int)Math.Round(value * (Bottom - Top) / (double)top);
        string Points(Func<WeekCount, int> value) => string.Join(' ', weeks.Select((w, i) => $"{X(i)},{Y(value(w))}"));

        var ticks = Enumerable.Range(0, (top / step) + 1).Select(k => new AxisTick(Y(k * step), Figures.Count(k * step))).ToList();
        // About six dates under the axis whatever the period's length, so that they never overlap on a phone.
        var every = Math.Max(1, (int)Math.Ceiling(weeks.Count / 6.0));
        var labels = weeks.Select((w, i) => (w, i)).Where(x => x.i % every == 0)
            .Select(x => new AxisLabel(X(x.i), x.w.WeekStart.ToString("dd/MM"))).ToList();
        return new TrendChart(Width, TrendHeight, Left, Right, Top, Bottom, Points(w => w.Filed), Points(w => w.Decided), ticks, labels);
    }

    /// <summary>Bars of percentages (0 to 100), one per labelled value; a missing value gets no bar.</summary>
    public static BarChart Bars(IReadOnlyList<(string Label, double? Percent)> values)
    {
        var bars = values.Select((v, i) => new Bar(
            v.Label,
            Top + (i * (BarHeight + BarGap)),
            v.Percent is { } p ? (int)Math.Round(Math.Clamp(p, 0, 100) * BarLength / 100) : 0,
            v.Percent is null ? "aucune décision" : Figures.Percent(v.Percent))).ToList();
        return new BarChart(Width, (2 * Top) + (values.Count * (BarHeight + BarGap)), LabelWidth, BarHeight, bars);
    }
}
