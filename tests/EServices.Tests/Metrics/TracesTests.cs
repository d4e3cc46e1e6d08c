using EServices.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;

namespace EServices.Tests.Metrics;

/// <summary>A portal told to send its traces to a collector (OTLP over HTTP), every half second.</summary>
public sealed class TracedHost : HostFixture
{
    /// <summary>Started with the host, before it: the portal's first batches find it.</summary>
    public TraceCollector Collector { get; } = Task.Run(TraceCollector.StartAsync).GetAwaiter().GetResult();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("OTEL_EXPORTER_OTLP_ENDPOINT", Collector.Address.ToString().TrimEnd('/'));
        builder.UseSetting("OTEL_EXPORTER_OTLP_PROTOCOL", "http/protobuf");
        builder.UseSetting("OTEL_BSP_SCHEDULE_DELAY", "500");
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        await Collector.DisposeAsync();
    }
}

public sealed class TracesTests(TracedHost host) : IClassFixture<TracedHost>
{
    [Fact]
    public async Task A_page_and_its_sql_commands_reach_the_collector_and_probes_do_not()
    {
        var collector = host.Collector;
        using var visitor = host.NewSession();
        await visitor.GetAsync("/health/ready");
        await visitor.GetAsync("/demarches/attestation-de-travail?cle=secret-de-lien");

        var received = await collector.WaitForAsync(r => r.Contains("/demarches/attestation-de-travail", StringComparison.Ordinal)
            && r.Contains("postgresql", StringComparison.Ordinal));
        Assert.Contains("/demarches/attestation-de-travail", received, StringComparison.Ordinal);
        Assert.Contains("postgresql", received, StringComparison.Ordinal); // the page's SQL commands, as child spans
        Assert.Contains("eservices", received, StringComparison.Ordinal); // the service's name
        Assert.DoesNotContain("secret-de-lien", received, StringComparison.Ordinal);
        Assert.DoesNotContain("/health", received, StringComparison.Ordinal);
    }
}
