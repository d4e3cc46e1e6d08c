using EServices.Tests.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Serilog.Core;

namespace EServices.Tests.Faults;

/// <summary>
/// The portal as in production (not Development: exception handler and HSTS on), plus, in this test host only, an
/// address that throws (<see cref="FailingPath"/>) and a copy of every log line.
/// </summary>
public sealed class FaultsHost : HostFixture
{
    public const string FailingPath = "/essai/panne";
    public const string SecretInException = "détail-interne-à-ne-pas-montrer";

    /// <summary>Log lines as the console prints them, with the template (the base class keeps raw events).</summary>
    public LogCapture ConsoleLines { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureServices((context, services) =>
        {
            ConsoleLines.UseTemplate(context.Configuration["Serilog:WriteTo:0:Args:outputTemplate"]
                ?? throw new InvalidOperationException("The console sink has no output template."));
            services.AddSingleton<ILogEventSink>(ConsoleLines);
            services.AddSingleton<IStartupFilter, FailingEndpoint>();
        });
    }

    /// <summary>Runs after the portal's own pipeline: only requests that nothing else answered reach it.</summary>
    private sealed class FailingEndpoint : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            next(app);
            app.Use((context, inner) => context.Request.Path == FailingPath
                ? throw new InvalidOperationException("Panne simulée : " + SecretInException)
                : inner(context));
        };
    }
}

[CollectionDefinition(Name)]
public sealed class FaultsCollection : ICollectionFixture<FaultsHost>
{
    public const string Name = "faults";
}
