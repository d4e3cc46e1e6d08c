using EServices.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace EServices.Tests.Security;

/// <summary>Real time moved to a start that tests can move forward, to reach idle timeouts and stale second factors.</summary>
public sealed class AdvancingClock(DateTimeOffset start) : TimeProvider
{
    private long _offsetTicks = (start - System.GetUtcNow()).Ticks;

    public override DateTimeOffset GetUtcNow() => System.GetUtcNow() + TimeSpan.FromTicks(Interlocked.Read(ref _offsetTicks));

    public void Advance(TimeSpan by) => Interlocked.Add(ref _offsetTicks, by.Ticks);
}

/// <summary>A host of its own whose clock the session tests move forward without disturbing the shared host's tests.</summary>
public sealed class SessionHost : HostFixture
{
    public AdvancingClock Clock { get; } = new(Now);

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureServices(services => services.Replace(ServiceDescriptor.Singleton<TimeProvider>(Clock)));
    }

    /// <summary>A bare client that sends only the cookie it is given, as an attacker replaying a stolen cookie would.</summary>
    public HttpClient ClientWithCookie(string name, string value)
    {
        var client = CreateClient(new() { AllowAutoRedirect = false, HandleCookies = false, BaseAddress = BaseAddress });
        client.DefaultRequestHeaders.Add("Cookie", $"{name}={value}");
        return client;
    }
}

[CollectionDefinition(Name)]
public sealed class SessionCollection : ICollectionFixture<SessionHost>
{
    public const string Name = "sessions";
}
