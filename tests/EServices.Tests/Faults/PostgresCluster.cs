using EServices.Tests.Infrastructure;
using System.Diagnostics;

namespace EServices.Tests.Faults;

/// <summary>
/// A throw-away PostgreSQL cluster of its own (Debian's binaries, a temporary folder, a free loopback port) that a test
/// may stop and start at will without disturbing the shared one. As in scripts/lib/postgres.sh, initdb and pg_ctl refuse
/// root: they run as the postgres user then.
/// </summary>
public sealed class PostgresCluster : IAsyncDisposable
{
    private readonly string _bin;
    private readonly string _home;

    private PostgresCluster(string bin, string home, int port)
    {
        _bin = bin;
        _home = home;
        Port = port;
    }

    public int Port { get; }

    public string AdminConnectionString => $"Host=127.0.0.1;Port={Port};Username=postgres;Database=postgres;Timeout=5";

    /// <summary>The cluster's folder: its data folder (<see cref="Data"/>) and its Unix socket.</summary>
    public string Home => _home;

    public string Data => Path.Combine(_home, "data");

    public static async Task<PostgresCluster> StartAsync()
    {
        var bin = Directory.GetDirectories("/usr/lib/postgresql").Select(v => Path.Combine(v, "bin"))
            .Where(b => File.Exists(Path.Combine(b, "pg_ctl")))
            .OrderBy(b => int.Parse(Path.GetFileName(Path.GetDirectoryName(b))!, System.Globalization.CultureInfo.InvariantCulture))
            .LastOrDefault() ?? throw new InvalidOperationException("PostgreSQL is not installed (scripts/test.sh installs it).");
        var home = Path.Combine("/var/tmp", $"eservices-outage-{Guid.NewGuid():N}");
        Directory.CreateDirectory(home);
        var cluster = new PostgresCluster(bin, home, LoopbackPorts.Free());
        if (IsRoot)
        {
            await RunAsync("chown", "postgres:postgres", home);
        }

        await cluster.PgAsync("initdb", "-D", cluster.Data, "-U", "postgres", "--auth=trust", "-E", "UTF8", "--locale=C.UTF-8");
        await cluster.StartAgainAsync();
        return cluster;
    }

    public Task StopAsync() => PgAsync("pg_ctl", "-D", Data, "-m", "fast", "-w", "stop");

    public Task StartAgainAsync() => PgAsync("pg_ctl", "-D", Data, "-l", Path.Combine(_home, "postgres.log"), "-w",
        "-o", $"-p {Port} -k {_home} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=100", "start");

    public async ValueTask DisposeAsync()
    {
        try
        {
            await PgAsync("pg_ctl", "-D", Data, "-m", "immediate", "-w", "stop");
        }
        catch (InvalidOperationException)
        {
            // Already stopped.
        }

        Directory.Delete(_home, recursive: true);
    }

    private static bool IsRoot => Environment.UserName == "root";

    private Task PgAsync(string tool, params string[] arguments) => IsRoot
        ? RunAsync("runuser", ["-u", "postgres", "--", Path.Combine(_bin, tool), .. arguments])
        : RunAsync(Path.Combine(_bin, tool), arguments);

    private static async Task RunAsync(string file, params string[] arguments)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{file} {string.Join(' ', arguments)} failed ({process.ExitCode}): {await output}{await error}");
        }
    }
}
