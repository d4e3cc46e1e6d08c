using EServices.Tests.Infrastructure;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;

namespace EServices.Tests.Metrics;

/// <summary>
/// A real Prometheus (Debian's, scripts/test.sh installs it) on a free loopback port, scraping one portal every second and
/// evaluating the repository's deploy/prometheus/rules.yml every second; its data in a temporary folder.
/// </summary>
public sealed class PrometheusServer : IAsyncDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), $"eservices-prometheus-{Guid.NewGuid():N}");
    private readonly HttpClient _http;
    private readonly Process _process;

    private PrometheusServer(Uri portal)
    {
        Directory.CreateDirectory(_dir);
        var port = LoopbackPorts.Free();
        File.WriteAllText(Path.Combine(_dir, "prometheus.yml"), $"""
            global:
              scrape_interval: 1s
              evaluation_interval: 1s
            rule_files:
              - {Path.Combine(Repository.Root, "deploy", "prometheus", "rules.yml")}
            scrape_configs:
              - job_name: eservices
                static_configs:
                  - targets: ["{portal.Authority}"]
            """);
        _process = Process.Start(new ProcessStartInfo("prometheus")
        {
            ArgumentList =
            {
                $"--config.file={Path.Combine(_dir, "prometheus.yml")}", $"--storage.tsdb.path={Path.Combine(_dir, "data")}",
                $"--web.listen-address=127.0.0.1:{port}",
            },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        }) ?? throw new InvalidOperationException("prometheus did not start");
        _process.OutputDataReceived += (_, _) => { };
        _process.ErrorDataReceived += (_, _) => { };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        _http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = TimeSpan.FromSeconds(10) };
    }

    public static PrometheusServer Start(Uri portal) => new(portal);

    /// <summary>The value of an instant query's one sample; null while it has none (or Prometheus is not up yet).</summary>
    public async Task<double?> QueryAsync(string query)
    {
        try
        {
            using var answer = JsonDocument.Parse(await _http.GetStringAsync(new Uri($"/api/v1/query?query={Uri.EscapeDataString(query)}", UriKind.Relative)));
            var result = answer.RootElement.GetProperty("data").GetProperty("result");
            return result.GetArrayLength() == 1
                ? double.Parse(result[0].GetProperty("value")[1].GetString()!, CultureInfo.InvariantCulture)
                : null;
        }
        catch (HttpRequestException)
        {
            return null;
        }
    }

    /// <summary>Prometheus' whole answer to an instant query, for a failure's message.</summary>
    public async Task<string> AnswerAsync(string query) =>
        await _http.GetStringAsync(new Uri($"/api/v1/query?query={Uri.EscapeDataString(query)}", UriKind.Relative));

    /// <summary>Asks again every half second until the value satisfies <paramref name="until"/>, 60 seconds at most; the last value.</summary>
    public async Task<double?> QueryUntilAsync(string query, Func<double, bool> until)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            var value = await QueryAsync(query);
            if (value is { } v && until(v) || DateTime.UtcNow > deadline || _process.HasExited)
            {
                return value;
            }

            await Task.Delay(500);
        }
    }

    public async ValueTask DisposeAsync()
    {
        _http.Dispose();
        if (!_process.HasExited)
        {
            _process.Kill();
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
        Directory.Delete(_dir, recursive: true);
    }
}
