namespace EServices.Bench;

/// <summary>Processor time (user + system) of the portal and of the whole PostgreSQL cluster, read from /proc as
/// scripts/bench.sh does: the postmaster with the time of its ended children, plus its children alive now. The pids come
/// from the script (BENCH_PORTAL_PID, BENCH_POSTMASTER_PID); without them every reading is zero.</summary>
public readonly record struct ProcessorTime(double PortalMs, double PostgresMs)
{
    private static readonly double MsPerTick = 1000.0 / 100; // CLK_TCK is 100 on Linux

    public static ProcessorTime operator -(ProcessorTime a, ProcessorTime b) => new(a.PortalMs - b.PortalMs, a.PostgresMs - b.PostgresMs);

    public static ProcessorTime Now()
    {
        var portal = Pid("BENCH_PORTAL_PID") is { } p ? Ticks(p, children: false) : 0;
        var postgres = 0L;
        if (Pid("BENCH_POSTMASTER_PID") is { } postmaster)
        {
            postgres = Ticks(postmaster, children: true);
            foreach (var child in Children(postmaster))
            {
                postgres += Ticks(child, children: false);
            }
        }

        return new(portal * MsPerTick, postgres * MsPerTick);
    }

    private static int? Pid(string variable) => int.TryParse(Environment.GetEnvironmentVariable(variable), out var pid) ? pid : null;

    private static long Ticks(int pid, bool children)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' '); // fields from the third on: utime is the 14th
            var ticks = long.Parse(fields[11]) + long.Parse(fields[12]);
            return children ? ticks + long.Parse(fields[13]) + long.Parse(fields[14]) : ticks;
        }
        catch (IOException)
        {
            return 0; // ended meanwhile: its time is in its parent's children time
        }
    }

    private static IEnumerable<int> Children(int parent)
    {
        var path = $"/proc/{parent}/task/{parent}/children";
        return File.Exists(path) ? File.ReadAllText(path).Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(int.Parse) : [];
    }
}
