using System.Net;
using Microsoft.AspNetCore.Mvc.Testing.Handlers;

namespace EServices.Tests.Infrastructure;

/// <summary>A second portal process joining the first one's database, uploads folder, SMTP mailbox and clock.</summary>
public sealed class SecondNode(HostFixture firstNode, bool migrates = true) : HostFixture(firstNode, migrates);

/// <summary>
/// Two portal hosts (two nodes behind a load balancer, in production) sharing one PostgreSQL database. The first creates the
/// database; then both start at once and both migrate and seed it, as two replicas of a fresh deployment would. Both run
/// their background jobs (e-mail outbox, audit sealer).
/// </summary>
public sealed class TwoNodes : IAsyncLifetime
{
    public TwoNodes()
    {
        A = new HostFixture();
        B = new SecondNode(A);
    }

    public HostFixture A { get; }

    public HostFixture B { get; }

    public HostFixture[] Both => [A, B];

    public async Task InitializeAsync()
    {
        var first = Task.Run(A.InitializeAsync);
        while (A.ConnectionString.Length == 0 && !first.IsCompleted)
        {
            await Task.Delay(5); // the database exists: B may start while A migrates
        }

        await Task.WhenAll(first, Task.Run(B.InitializeAsync));
    }

    public async Task DisposeAsync()
    {
        await ((IAsyncLifetime)B).DisposeAsync();
        await ((IAsyncLifetime)A).DisposeAsync();
    }

    /// <summary>One browser (one cookie jar) whose requests go to the node chosen with <see cref="NodeSwitch.Node"/>, as a
    /// load balancer without sticky sessions would send them.</summary>
    public (WebSession Session, NodeSwitch Switch) NewSession(HostFixture first)
    {
        var nodes = new NodeSwitch(this, first);
        var client = new HttpClient(new CookieContainerHandler(new CookieContainer()) { InnerHandler = nodes }) { BaseAddress = A.BaseAddress };
        return (new WebSession(client) { Host = A }, nodes);
    }
}

/// <summary>Sends each request to the chosen node's in-memory server.</summary>
public sealed class NodeSwitch : HttpMessageHandler
{
    private readonly Dictionary<HostFixture, HttpMessageInvoker> _servers;

    public NodeSwitch(TwoNodes nodes, HostFixture first)
    {
        _servers = nodes.Both.ToDictionary(n => n, n => new HttpMessageInvoker(n.Server.CreateHandler()));
        Node = first;
    }

    /// <summary>The node that receives the next requests.</summary>
    public HostFixture Node { get; set; }

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
        _servers[Node].SendAsync(request, cancellationToken);

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            foreach (var server in _servers.Values)
            {
                server.Dispose();
            }
        }

        base.Dispose(disposing);
    }
}
