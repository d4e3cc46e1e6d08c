using EServices.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace EServices.Tests.Sms;

/// <summary>The portal on a real loopback port (Kannel must call it back), sending through <see cref="Kannel"/>.</summary>
public sealed class SmsHost(Kannel kannel) : HostFixture
{
    protected override bool ListensOnRealPort => true;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Sms:SendSmsUrl", kannel.SendSmsUrl);
        builder.UseSetting("Sms:UserName", "portal");
        builder.UseSetting("Sms:Password", kannel.SendsmsPassword);
        builder.UseSetting("Sms:From", "22600");
        builder.UseSetting("Sms:CallbackUrl", builder.GetSetting("Portal:PublicUrl"));
        builder.UseSetting("Sms:CallbackSecret", kannel.CallbackSecret);
        builder.UseSetting("Sms:PollInterval", "00:00:00.200");
    }
}

/// <summary>A second node of the same portal, in memory (its session cookies are Secure: a test client keeps them over
/// https only) and in Development (the SMS page, whose form appends to <paramref name="devInbox"/>). Its own outbox job
/// has no gateway: the first node sends.</summary>
public sealed class SmsDevNode(SmsHost first, string devInbox) : HostFixture(first, migrates: false)
{
    public string DevInbox => devInbox;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseEnvironment("Development");
        builder.UseSetting("Sms:DevInbox", devInbox);
    }
}

/// <summary>
/// One real Kannel, its fake SMS centre and a portal, shared by a test class (starting Kannel and a portal costs
/// seconds). Each test uses numbers of its own (TestSms.NewPhone), so tests need no reset between them.
/// </summary>
public sealed class SmsGateway : IAsyncLifetime
{
    public Kannel Kannel { get; } = new();

    public SmsHost Host { get; private set; } = null!;

    /// <summary>Where tests sign up, file and open the SMS page.</summary>
    public SmsDevNode Node { get; private set; } = null!;

    public FakeSmsCentre Centre { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Host = new SmsHost(Kannel);
        await ((IAsyncLifetime)Host).InitializeAsync();
        Node = new SmsDevNode(Host, Path.Combine(Path.GetTempPath(), $"eservices-sms-inbox-{Guid.NewGuid():N}"));
        await ((IAsyncLifetime)Node).InitializeAsync();
        Kannel.Configure(new Uri(Host.Services.GetRequiredService<IConfiguration>()["Portal:PublicUrl"]!));
        await Kannel.StartAsync();
        Centre = new FakeSmsCentre(Kannel.FakeSmscPort);
        Centre.Start(Node.DevInbox);
    }

    public async Task DisposeAsync()
    {
        await Centre.DisposeAsync();
        await Kannel.DisposeAsync();
        await ((IAsyncLifetime)Node).DisposeAsync();
        await ((IAsyncLifetime)Host).DisposeAsync();
    }
}
