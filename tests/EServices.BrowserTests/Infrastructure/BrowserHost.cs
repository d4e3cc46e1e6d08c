using EServices.Tests.Infrastructure;

namespace EServices.BrowserTests.Infrastructure;

/// <summary>The same host as the integration tests (own database, SMTP, clock), served on a real loopback port for Chromium.</summary>
public sealed class BrowserHost : HostFixture
{
    /// <summary>The browser tests' one portal (a collection fixture): helpers that read its mailbox find it here.</summary>
    public BrowserHost() => Current = this;

    public static BrowserHost? Current { get; private set; }

    protected override bool ListensOnRealPort => true;
}

[CollectionDefinition(Name)]
public sealed class BrowserCollection : ICollectionFixture<BrowserHost>
{
    public const string Name = "browser";
}
