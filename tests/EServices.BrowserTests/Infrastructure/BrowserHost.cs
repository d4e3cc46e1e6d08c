using EServices.Tests.Infrastructure;
using EServices.Tests.Payments;
using Microsoft.AspNetCore.Hosting;

namespace EServices.BrowserTests.Infrastructure;

/// <summary>The same host as the integration tests (own database, SMTP, clock), served on a real loopback port for Chromium,
/// paying through the CinetPay simulator (its payment page is where the browser pays).</summary>
public sealed class BrowserHost : HostFixture
{
    /// <summary>The browser tests' one portal (a collection fixture): helpers that read its mailbox find it here.</summary>
    public BrowserHost() => Current = this;

    public static BrowserHost? Current { get; private set; }

    public PaySimFixture PaySim { get; } = new();

    protected override bool ListensOnRealPort => true;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.PayThrough(PaySim);
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        await PaySim.DisposeAsync();
    }
}

[CollectionDefinition(Name)]
public sealed class BrowserCollection : ICollectionFixture<BrowserHost>
{
    public const string Name = "browser";
}
