using EServices.Tests.Infrastructure;

namespace EServices.BrowserTests.Infrastructure;

/// <summary>The same host as the integration tests (own database, SMTP, clock), served on a real loopback port for Chromium.</summary>
public sealed class BrowserHost : HostFixture
{
    protected override bool ListensOnRealPort => true;
}

[CollectionDefinition(Name)]
public sealed class BrowserCollection : ICollectionFixture<BrowserHost>
{
    public const string Name = "browser";
}
