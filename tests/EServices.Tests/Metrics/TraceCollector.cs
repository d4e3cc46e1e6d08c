using System.Collections.Concurrent;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace EServices.Tests.Metrics;

/// <summary>
/// A collector's OTLP/HTTP traces endpoint (POST /v1/traces, protobuf) on a free loopback port: keeps each batch's bytes.
/// Protobuf writes strings as they are, so a batch read as UTF-8 shows the service name, paths and SQL systems.
/// </summary>
public sealed class TraceCollector : IAsyncDisposable
{
    private readonly ConcurrentQueue<string> _batches = new();
    private WebApplication _app = null!;

    /// <summary>Where it listens (the port is the system's choice, held from the start: no other test can take it meanwhile).</summary>
    public Uri Address { get; private set; } = null!;

    public static async Task<TraceCollector> StartAsync()
    {
        var collector = new TraceCollector();
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        collector._app = builder.Build();
        collector._app.MapPost("/v1/traces", async (HttpContext http) =>
        {
            using var body = new MemoryStream();
            await http.Request.Body.CopyToAsync(body);
            collector._batches.Enqueue(Encoding.UTF8.GetString(body.ToArray()));
            return Results.Ok();
        });
        await collector._app.StartAsync();
        collector.Address = new Uri(collector._app.Urls.Single());
        return collector;
    }

    /// <summary>Every batch received so far, one after the other.</summary>
    public string Received => string.Join('\n', _batches);

    /// <summary>Waits until what was received satisfies <paramref name="until"/> (20 seconds at most); what was received.</summary>
    public async Task<string> WaitForAsync(Func<string, bool> until)
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (!until(Received) && DateTime.UtcNow < deadline)
        {
            await Task.Delay(100);
        }

        return Received;
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}
