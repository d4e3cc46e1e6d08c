using EServices.Tests.Infrastructure;

namespace EServices.Tests.Faults;

/// <summary>The portal on a PostgreSQL cluster of its own, which the test stops and starts.</summary>
public sealed class OutageHost(PostgresCluster cluster) : HostFixture
{
    protected override string ServerConnectionString => cluster.AdminConnectionString;

    /// <summary>Runs <paramref name="test"/> against a portal on a cluster of its own, both started for it and stopped
    /// after it; off xunit's synchronisation context, which the host, starting synchronously, would wait for.</summary>
    public static async Task RunAsync(Func<OutageHost, PostgresCluster, Task> test)
    {
        await using var cluster = await PostgresCluster.StartAsync();
        var host = new OutageHost(cluster);
        await Task.Run(((IAsyncLifetime)host).InitializeAsync);
        try
        {
            await Task.Run(() => test(host, cluster));
        }
        finally
        {
            await Task.Run(((IAsyncLifetime)host).DisposeAsync);
        }
    }
}
