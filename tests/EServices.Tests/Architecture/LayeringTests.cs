using ArchUnitNET.Domain;
using ArchUnitNET.Loader;

namespace EServices.Tests.Architecture;

/// <summary>The floor plan of ADR 0009, read from the compiled portal: the domain at the bottom depends on nothing of
/// the application, no cycle between top folders, no feature folder reaching into another.</summary>
public sealed class LayeringTests
{
    private static readonly IReadOnlyList<IType> PortalTypes =
        new ArchLoader().LoadAssemblies(typeof(EServices.Web.Data.AppDbContext).Assembly).Build().Types.ToList();

    [Fact]
    public void No_cycle_between_top_folders()
    {
        var uses = Uses(TopFolder);
        var cycles = Cycles(uses.Keys.SelectMany(e => new[] { e.From, e.To }).Distinct(), uses);
        Assert.True(cycles.Count == 0, "Top folders in a cycle:\n" + Describe(cycles, uses));
    }

    [Fact]
    public void The_domain_depends_on_nothing_of_the_application()
    {
        var wrong = Uses(TopFolder).Where(u => u.Key.From == "Domain").ToList();
        Assert.True(wrong.Count == 0, "Domain uses:\n" + string.Join("\n", wrong.Select(u => $"  {u.Key.To}: {string.Join(", ", u.Value.Take(5))}")));
    }

    [Fact]
    public void Feature_folders_do_not_use_each_other()
    {
        var wrong = Uses(FeatureFolder).ToList();
        Assert.True(wrong.Count == 0, "Features using another feature:\n" + string.Join("\n", wrong.Select(u => $"  {u.Key.From} → {u.Key.To}: {string.Join(", ", u.Value.Take(5))}")));
    }

    /// <summary>"Domain", "Data", "Features"… the folder right under the project; null for Program and views.</summary>
    private static string? TopFolder(IType type) =>
        NamespaceOf(type).StartsWith("EServices.Web.", StringComparison.Ordinal)
            ? NamespaceOf(type).Split('.')[2]
            : null;

    /// <summary>"Features.Filing": the feature folder; Features itself (the shared registration and views) is none.</summary>
    private static string? FeatureFolder(IType type)
    {
        var parts = NamespaceOf(type).Split('.');
        return parts.Length >= 4 && parts[2] == "Features" && parts[3] != "Shared" ? parts[3] : null;
    }

    private static string NamespaceOf(IType type) => type.Namespace?.FullName ?? "";

    /// <summary>Each edge between two groups, with the type pairs that make it.</summary>
    private static Dictionary<(string From, string To), SortedSet<string>> Uses(Func<IType, string?> group)
    {
        var uses = new Dictionary<(string, string), SortedSet<string>>();
        foreach (var type in PortalTypes)
        {
            if (group(type) is not { } from)
            {
                continue;
            }

            foreach (var dependency in type.Dependencies)
            {
                // A generic parameter (the T of a method) is named after no folder, whatever ArchUnitNET files it under.
                if (dependency.Target is not GenericParameter && group(dependency.Target) is { } to && to != from)
                {
                    var pair = (from, to);
                    if (!uses.TryGetValue(pair, out var why))
                    {
                        uses[pair] = why = new SortedSet<string>(StringComparer.Ordinal);
                    }

                    why.Add($"{type.Name} → {dependency.Target.Name}");
                }
            }
        }

        return uses;
    }

    /// <summary>The groups of folders that reach each other (strongly connected, more than one folder).</summary>
    private static List<List<string>> Cycles(IEnumerable<string> folders, Dictionary<(string From, string To), SortedSet<string>> uses)
    {
        var reach = folders.ToDictionary(f => f, f => Reachable(f, uses));
        return reach.Keys
            .Select(f => reach.Keys.Where(g => g == f || (reach[f].Contains(g) && reach[g].Contains(f))).Order(StringComparer.Ordinal).ToList())
            .Where(c => c.Count > 1)
            .DistinctBy(c => string.Join(",", c))
            .ToList();
    }

    private static HashSet<string> Reachable(string from, Dictionary<(string From, string To), SortedSet<string>> uses)
    {
        var seen = new HashSet<string>();
        var next = new Stack<string>([from]);
        while (next.TryPop(out var folder))
        {
            foreach (var edge in uses.Keys.Where(e => e.From == folder && seen.Add(e.To)))
            {
                next.Push(edge.To);
            }
        }

        return seen;
    }

    private static string Describe(List<List<string>> cycles, Dictionary<(string From, string To), SortedSet<string>> uses) =>
        string.Join("\n", cycles.SelectMany(c => uses.Where(u => c.Contains(u.Key.From) && c.Contains(u.Key.To))
            .Select(u => $"  {u.Key.From} → {u.Key.To}: {string.Join(", ", u.Value.Take(6))}")));
}
