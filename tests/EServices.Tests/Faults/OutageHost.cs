using EServices.Tests.Infrastructure;

namespace EServices.Tests.Faults;

/// <summary>The portal on a PostgreSQL cluster of its own, which the test stops and starts.</summary>
public sealed class OutageHost(PostgresCluster cluster) : HostFixture
{
    protected override string ServerConnectionString => cluster.AdminConnectionString;
}
