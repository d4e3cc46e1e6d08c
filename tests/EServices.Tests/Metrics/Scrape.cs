using System.Globalization;
using System.Text.RegularExpressions;

namespace EServices.Tests.Metrics;

/// <summary>One read of /metrics in Prometheus' text format: its samples, and a sum over those matching a name and labels.</summary>
public sealed partial class Scrape(string text)
{
    public string Text { get; } = text;

    private readonly List<(string Name, Dictionary<string, string> Labels, double Value)> _samples = Parse(text);

    /// <summary>The sum of the samples named <paramref name="name"/> that carry every label given; null when there is none.</summary>
    public double? Sum(string name, params (string Label, string Value)[] labels)
    {
        var matching = _samples.Where(s => s.Name == name && labels.All(l => s.Labels.GetValueOrDefault(l.Label) == l.Value)).ToList();
        return matching.Count == 0 ? null : matching.Sum(s => s.Value);
    }

    private static List<(string, Dictionary<string, string>, double)> Parse(string text) =>
        text.Split('\n').Where(line => line.Length > 0 && line[0] != '#').Select(line =>
        {
            var sample = SampleLine().Match(line);
            Assert.True(sample.Success, "Not a sample line: " + line);
            var labels = Label().Matches(sample.Groups["labels"].Value).ToDictionary(m => m.Groups[1].Value, m => m.Groups[2].Value);
            var value = sample.Groups["value"].Value switch
            {
                "+Inf" => double.PositiveInfinity,
                "-Inf" => double.NegativeInfinity,
                var v => double.Parse(v, CultureInfo.InvariantCulture),
            };
            return (sample.Groups["name"].Value, labels, value);
        }).ToList();

    [GeneratedRegex("""^(?<name>[a-zA-Z_:][a-zA-Z0-9_:]*)(\{(?<labels>.*)\})? (?<value>\S+)( -?\d+)?$""")]
    private static partial Regex SampleLine();

    [GeneratedRegex("""([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"(,|$)""")]
    private static partial Regex Label();
}
