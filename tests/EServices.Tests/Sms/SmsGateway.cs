using System.Net;
using EServices.Tests.Features.Filing;
using EServices.Tests.Infrastructure;
using EServices.Web.Data;
using EServices.Web.Infrastructure.Sms;
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
/// One real Kannel, its fake SMS centre and a portal, shared by the SMS test classes (starting Kannel and a portal
/// costs seconds). Each test uses numbers of its own (TestSms.NewPhone), so tests need no reset between them.
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

    /// <summary>A request filed by a new applicant whose phone (returned) is confirmed.</summary>
    public async Task<(string Phone, string Number)> FiledRequestWithConfirmedPhoneAsync()
    {
        using var session = Node.NewSession();
        var user = await TestUsers.SignUpAsync(session);
        var number = await AttestationJourney.FileAsync(session);
        var phone = TestSms.NewPhone();
        FieldRules.TryPhone(phone, out var stored);
        // Signing up by phone is another feature: the confirmed number is set as it would leave it.
        await Host.ScalarAsync("UPDATE \"AspNetUsers\" SET phone_number = @p, phone_number_confirmed = true WHERE email = @e", ("p", stored), ("e", user.Email));
        return (phone, number);
    }

    /// <summary>An incoming SMS as Kannel passes it on (with the shared secret), without going through Kannel.</summary>
    public async Task<HttpStatusCode> IncomingAsync(string from, string text, string? id = null)
    {
        using var client = Client();
        client.DefaultRequestHeaders.Authorization = new("Basic", Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes("kannel:" + Kannel.CallbackSecret)));
        var response = await client.GetAsync($"/sms/incoming?from={Uri.EscapeDataString(from)}&to=22600&text={Uri.EscapeDataString(text)}&id={id ?? Guid.NewGuid().ToString()}");
        return response.StatusCode;
    }

    /// <summary>A notice queued as a feature queues it; its outbox id.</summary>
    public Task<long> QueueAsync(string phone, string text) => QueueAsync(Host, phone, text);

    /// <summary>A notice queued in <paramref name="host"/>'s portal; its outbox id.</summary>
    public static async Task<long> QueueAsync(HostFixture host, string phone, string text)
    {
        using var scope = host.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        Assert.True(scope.ServiceProvider.GetRequiredService<SmsOutbox>().Enqueue(phone, text, SmsKind.Notice));
        await db.SaveChangesAsync();
        return db.OutboxSms.Local.Single().Id;
    }

    public async Task<string?> DeliveryAsync(long id) =>
        (string?)await Host.ScalarAsync("SELECT delivery FROM outbox_sms WHERE id = @id", ("id", id));

    public string Sign(long id) => SmsCallbacks.Sign(Kannel.CallbackSecret, id);

    public HttpClient Client() => new() { BaseAddress = Host.BaseAddress };

    public static string E164(string phone) => FieldRules.TryPhone(phone, out var canonical)
        ? FieldRules.E164(canonical)
        : throw new ArgumentException(phone);

    /// <summary>Waits for what the gateway does in the background (30 s at most, for loaded machines).</summary>
    public static async Task WaitUntilAsync(Func<Task<bool>> condition)
    {
        var until = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < until, "Timed out waiting for the SMS gateway.");
            await Task.Delay(100);
        }
    }

    public async Task DisposeAsync()
    {
        await Centre.DisposeAsync();
        await Kannel.DisposeAsync();
        await ((IAsyncLifetime)Node).DisposeAsync();
        await ((IAsyncLifetime)Host).DisposeAsync();
    }
}

[CollectionDefinition(Name)]
public sealed class SmsGatewayCollection : ICollectionFixture<SmsGateway>
{
    public const string Name = "sms-gateway";
}
