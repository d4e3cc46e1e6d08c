using EServices.Tests.Infrastructure;
using System.Diagnostics;
using System.Net.Sockets;

namespace EServices.Tests.Sms;

/// <summary>
/// A real Kannel (Debian's bearerbox and smsbox, scripts/test.sh installs them) on free loopback ports, configured from
/// the repository's own templates (deploy/kannel) in a temporary folder: the configuration the tests prove is the
/// one run.sh and Docker use. Its store survives <see cref="StopAsync"/> and <see cref="StartAsync"/>, like a restart.
/// </summary>
public sealed class Kannel : IAsyncDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), $"eservices-kannel-{Guid.NewGuid():N}");
    private readonly List<Process> _boxes = [];

    public int AdminPort { get; } = LoopbackPorts.Free();
    public int SmsboxPort { get; } = LoopbackPorts.Free();
    public int FakeSmscPort { get; } = LoopbackPorts.Free();
    public int SendsmsPort { get; } = LoopbackPorts.Free();
    public string SendsmsPassword { get; } = Guid.NewGuid().ToString("N");
    public string CallbackSecret { get; } = Guid.NewGuid().ToString("N");
    private string AdminPassword { get; } = Guid.NewGuid().ToString("N");

    public string SendSmsUrl => $"http://127.0.0.1:{SendsmsPort}/cgi-bin/sendsms";

    /// <summary>Writes kannel.conf for a portal answering on <paramref name="portal"/>; then <see cref="StartAsync"/>.</summary>
    public void Configure(Uri portal)
    {
        Directory.CreateDirectory(_dir);
        var values = new Dictionary<string, string>
        {
            ["ADMIN_PORT"] = $"{AdminPort}", ["ADMIN_PASSWORD"] = AdminPassword, ["SMSBOX_PORT"] = $"{SmsboxPort}",
            ["SENDSMS_PORT"] = $"{SendsmsPort}", ["SENDSMS_INTERFACE"] = "127.0.0.1", ["SENDSMS_ALLOW_IP"] = "127.0.0.1",
            ["SENDSMS_USER"] = "portal", ["SENDSMS_PASSWORD"] = SendsmsPassword, ["FAKE_PORT"] = $"{FakeSmscPort}",
            ["FROM"] = "22600", ["DIR"] = _dir, ["SMSC_CONF"] = Path.Combine(_dir, "smsc.conf"),
            ["INCOMING_URL"] = $"http://kannel:{CallbackSecret}@{portal.Authority}/sms/incoming",
        };
        Render("kannel.conf.template", "kannel.conf", values);
        Render("smsc-fake.conf.template", "smsc.conf", values);
    }

    /// <summary>bearerbox, then smsbox once bearerbox listens (smsbox gives up otherwise), then waits for sendsms.</summary>
    public async Task StartAsync()
    {
        _boxes.Clear();
        _boxes.Add(Box("bearerbox"));
        await WaitForPortAsync(SmsboxPort);
        _boxes.Add(Box("smsbox"));
        await WaitForPortAsync(SendsmsPort);
    }

    /// <summary>Stops Kannel through its admin interface, as scripts/lib/kannel.sh does; waits until both boxes ended.</summary>
    public async Task StopAsync()
    {
        using (var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) })
        {
            try
            {
                await http.GetAsync(new Uri($"http://127.0.0.1:{AdminPort}/shutdown?password={AdminPassword}"));
            }
            catch (HttpRequestException)
            {
                // already stopped
            }
        }

        foreach (var box in _boxes)
        {
            using var wait = new CancellationTokenSource(TimeSpan.FromSeconds(20));
            try
            {
                await box.WaitForExitAsync(wait.Token);
            }
            catch (OperationCanceledException)
            {
                box.Kill();
            }
        }
    }

    private Process Box(string name) => Process.Start(new ProcessStartInfo(name, ["-v", "3", Path.Combine(_dir, "kannel.conf")])
    {
        RedirectStandardOutput = false,
        RedirectStandardError = false,
        UseShellExecute = false,
    }) ?? throw new InvalidOperationException($"{name} did not start (is Debian's kannel package installed?).");

    private void Render(string template, string file, Dictionary<string, string> values)
    {
        var text = File.ReadAllText(Path.Combine(Repository.Root, "deploy", "kannel", template));
        foreach (var (name, value) in values)
        {
            text = text.Replace($"@{name}@", value, StringComparison.Ordinal);
        }

        File.WriteAllText(Path.Combine(_dir, file), text);
    }
    private static async Task WaitForPortAsync(int port)
    {
        var until = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (true)
        {
            try
            {
                using var probe = new TcpClient();
                await probe.ConnectAsync("127.0.0.1", port);
                return;
            }
            catch (SocketException) when (DateTime.UtcNow < until)
            {
                await Task.Delay(100);
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        foreach (var box in _boxes)
        {
            box.Dispose();
        }

        if (Directory.Exists(_dir))
        {
            Directory.Delete(_dir, recursive: true);
        }
    }
}
