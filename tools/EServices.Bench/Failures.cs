using System.Collections.Concurrent;
using System.Text.RegularExpressions;

namespace EServices.Bench;

/// <summary>Failures grouped by kind, identifiers out of the message.</summary>
public sealed partial class Failures
{
    private readonly ConcurrentDictionary<string, int> _messages = new(StringComparer.Ordinal);
    private long _count;

    public long Count => Interlocked.Read(ref _count);

    public static bool Expected(Exception ex) => ex is BenchException or InvalidOperationException or HttpRequestException or TaskCanceledException;

    public void Add(Exception ex)
    {
        Interlocked.Increment(ref _count);
        var kind = Identifiers().Replace(ex.Message, "…");
        _messages.AddOrUpdate(kind.Length > 160 ? kind[..160] : kind, 1, (_, c) => c + 1);
    }

    public void Print(string what)
    {
        foreach (var (message, count) in _messages.OrderByDescending(m => m.Value).Take(5))
        {
            Console.Error.WriteLine($"{what} error ×{count}: {message}");
        }
    }

    [GeneratedRegex("[0-9a-f]{8}-[0-9a-f-]{27}|[A-Z]+-[0-9]{4}-[0-9]+|mesure-[0-9]+")]
    private static partial Regex Identifiers();
}
