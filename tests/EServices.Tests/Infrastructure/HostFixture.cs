using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Npgsql;

namespace EServices.Tests.Infrastructure;

/// <summary>
/// The real application over HTTP, on a PostgreSQL database of its own (created, migrated and seeded once per
/// run), with a real SMTP listener for the e-mails. Tests use fresh accounts, so they need no wipe between them.
/// In memory by default; a subclass can put it on a real loopback port (<see cref="ListensOnRealPort"/>) for a browser.
/// </summary>
public class HostFixture : WebApplicationFactory<Program>, IAsyncLifetime
{
    /// <summary>The portal's "now" in tests: a Friday before Easter Monday, so due dates cross a weekend and a holiday.</summary>
    public static readonly DateTimeOffset Now = new(2027, 3, 26, 10, 0, 0, TimeSpan.Zero);

    private readonly string _database = $"eservices_test_{Guid.NewGuid():N}";
    private readonly string _files = Path.Combine(Path.GetTempPath(), $"eservices-files-{Guid.NewGuid():N}");

    /// <summary>Where this host stores uploads (Storage:Path).</summary>
    public string FilesPath => _files;

    /// <summary>The first node when this host is a second node of the same portal (same database, files, mailbox, clock).</summary>
    private readonly HostFixture? _firstNode;

    /// <summary>The portal's clock, shared by the nodes of one portal so that they agree on "now".</summary>
    private readonly ShiftedClock _clock;

    private readonly bool _migrates = true;

    public HostFixture()
    {
        Mailbox = new TestMailbox();
        _clock = new ShiftedClock(Now);
    }

    /// <summary>A second node of <paramref name="firstNode"/>'s portal: it joins its database, its uploads folder, its SMTP
    /// mailbox and its clock; it migrates and seeds at start-up too, like any replica, unless <paramref name="migrates"/> is false.</summary>
    protected HostFixture(HostFixture firstNode, bool migrates)
    {
        _firstNode = firstNode;
        _migrates = migrates;
        _database = firstNode._database;
        _files = firstNode._files;
        Mailbox = firstNode.Mailbox;
        _clock = firstNode._clock;
    }

    public TestMailbox Mailbox { get; }

    public LogCapture Logs { get; } = new();

    public string ConnectionString { get; private set; } = "";

    /// <summary>Where the portal answers: https://localhost in memory (its cookies are Secure, as in production), a real
    /// http://127.0.0.1:port with Kestrel (browsers treat loopback as secure).</summary>
    public Uri BaseAddress => ClientOptions.BaseAddress;

    /// <summary>True to serve on Kestrel with a free loopback port (browsers need one) instead of the in-memory server.</summary>
    protected virtual bool ListensOnRealPort => false;

    /// <summary>Every test signs in from the same address, far more often than a person: the per-address limit of sign-in
    /// attempts is lifted, except in a host that tests it. The per-account limit stays as configured.</summary>
    protected virtual bool LiftsPerAddressSignInLimit => true;

    public static string AdminConnectionString =>
        Environment.GetEnvironmentVariable("ESERVICES_TEST_DB") ?? "Host=127.0.0.1;Port=54329;Username=postgres;Database=postgres";

    /// <summary>The PostgreSQL server this host's database is created on; a test with a cluster of its own overrides it.</summary>
    protected virtual string ServerConnectionString => AdminConnectionString;

    public async Task InitializeAsync()
    {
        if (_firstNode is not null)
        {
            ConnectionString = _firstNode.ConnectionString;
            ClientOptions.BaseAddress = new Uri("https://localhost");
            _ = Server;
            return;
        }

        await using (var admin = new NpgsqlConnection(ServerConnectionString))
        {
            await admin.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE {_database}", admin);
            await create.ExecuteNonQueryAsync();
        }

        ConnectionString = new NpgsqlConnectionStringBuilder(ServerConnectionString) { Database = _database }.ConnectionString;
        await Mailbox.StartAsync();
        // Starts the host: migrations and seed run now, once.
        if (ListensOnRealPort)
        {
            // A port chosen before start, so that Portal:PublicUrl (links, QR codes) names the address the browser uses.
            _port = LoopbackPorts.Free();
            UseKestrel(_port);
            StartServer();
        }
        else
        {
            ClientOptions.BaseAddress = new Uri("https://localhost");
            _ = Server;
        }
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("ConnectionStrings:Default", ConnectionString);
        builder.UseSetting("Storage:Path", _files);
        builder.UseSetting("Email:SmtpHost", "127.0.0.1");
        builder.UseSetting("Email:SmtpPort", Mailbox.Port.ToString(System.Globalization.CultureInfo.InvariantCulture));
        builder.UseSetting("Email:PollInterval", "00:00:00.200");
        builder.UseSetting("Seed:DemoAccounts", "false");
        // The deadlines' job runs once at start-up (on an empty portal); tests drive it with a clock of their own.
        builder.UseSetting("Deadlines:Interval", "1.00:00:00");
        // Where e-mails and documents link to (AllowedHosts follows): the address the test clients use.
        builder.UseSetting("Portal:PublicUrl", ListensOnRealPort ? $"http://127.0.0.1:{_port}" : "https://localhost");
        if (!_migrates)
        {
            builder.UseSetting("Database:MigrateOnStartup", "false");
        }

        if (LiftsPerAddressSignInLimit)
        {
            builder.UseSetting("SignInLimits:PerIpPerMinute", "1000000");
            builder.UseSetting("PhoneCodes:PerAddressPerHour", "1000000");
        }

        builder.ConfigureServices(services =>
        {
            services.Replace(ServiceDescriptor.Singleton<TimeProvider>(_clock));
            services.AddSingleton<Serilog.Core.ILogEventSink>(Logs);
        });
    }

    private int _port;

    public WebSession NewSession() =>
        new(CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true, BaseAddress = BaseAddress })) { Host = this };

    async Task IAsyncLifetime.DisposeAsync()
    {
        await DisposeAsync();
        if (_firstNode is not null)
        {
            return; // the first node owns the database, the files and the mailbox
        }

        await Mailbox.DisposeAsync();
        NpgsqlConnection.ClearAllPools();
        await using var admin = new NpgsqlConnection(ServerConnectionString);
        await admin.OpenAsync();
        await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS {_database} WITH (FORCE)", admin);
        await drop.ExecuteNonQueryAsync();
        if (Directory.Exists(_files))
        {
            Directory.Delete(_files, recursive: true);
        }
    }
}

[CollectionDefinition(Name)]
public sealed class WebCollection : ICollectionFixture<HostFixture>
{
    public const string Name = "web";
}
