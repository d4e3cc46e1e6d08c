using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;
using System.Text;
using EServices.Tests.Features.Filing;
using EServices.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;

namespace EServices.Tests.Security;

/// <summary>
/// A stand-in for clamd on a loopback port, speaking its INSTREAM protocol: the real daemon needs a signature database
/// downloaded from the internet, which this machine cannot reach. It flags the EICAR test string, as clamd does.
/// </summary>
public sealed class FakeClamd : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();
    private Task? _serving;

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    /// <summary>False to answer nothing and close, as a daemon that is down or overloaded.</summary>
    public bool Up { get; set; } = true;

    public int Scans { get; private set; }

    public void Start()
    {
        _listener.Start();
        _serving = Task.Run(async () =>
        {
            while (!_stop.IsCancellationRequested)
            {
                using var client = await _listener.AcceptTcpClientAsync(_stop.Token);
                await AnswerAsync(client.GetStream());
            }
        });
    }

    private async Task AnswerAsync(NetworkStream stream)
    {
        if (!Up)
        {
            return;
        }

        var command = new byte["zINSTREAM\0".Length];
        await stream.ReadExactlyAsync(command, _stop.Token);
        using var content = new MemoryStream();
        var length = new byte[4];
        while (true)
        {
            await stream.ReadExactlyAsync(length, _stop.Token);
            var size = BinaryPrimitives.ReadUInt32BigEndian(length);
            if (size == 0)
            {
                break;
            }

            var chunk = new byte[size];
            await stream.ReadExactlyAsync(chunk, _stop.Token);
            content.Write(chunk);
        }

        Scans++;
        var infected = Encoding.ASCII.GetString(content.ToArray()).Contains("EICAR-STANDARD-ANTIVIRUS-TEST-FILE", StringComparison.Ordinal);
        await stream.WriteAsync(Encoding.ASCII.GetBytes(infected ? "stream: Eicar-Test-Signature FOUND\0" : "stream: OK\0"), _stop.Token);
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        try
        {
            await (_serving ?? Task.CompletedTask);
        }
        catch (OperationCanceledException)
        {
        }

        _stop.Dispose();
    }
}

/// <summary>The portal with the antivirus configured (ClamAv:Host and Port), on a database of its own.</summary>
public sealed class ClamAvHostFixture : HostFixture
{
    public FakeClamd Clamd { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        Clamd.Start();
        builder.UseSetting("ClamAv:Host", "127.0.0.1");
        builder.UseSetting("ClamAv:Port", Clamd.Port.ToString(System.Globalization.CultureInfo.InvariantCulture));
        builder.UseSetting("ClamAv:Timeout", "00:00:05");
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        await Clamd.DisposeAsync();
        GC.SuppressFinalize(this);
    }
}

[CollectionDefinition(Name)]
public sealed class ClamAvCollection : ICollectionFixture<ClamAvHostFixture>
{
    public const string Name = "clamav";
}

[Collection(ClamAvCollection.Name)]
public sealed class ClamAvTests(ClamAvHostFixture host)
{
    [Fact]
    public async Task With_an_antivirus_configured_every_upload_is_scanned_an_infected_one_is_refused_and_a_silent_scanner_refuses_too()
    {
        using var session = host.NewSession();
        await TestUsers.SignUpAsync(session);
        var step3 = await AttestationJourney.ToDocumentsStepAsync(session);

        var before = host.Clamd.Scans;
        var infected = await session.SubmitAsync(step3, "Continuer vers le récapitulatif", files: new Dictionary<string, Upload>
        {
            ["cnib"] = TestFiles.PdfWithEicar(),
            ["bulletin"] = TestFiles.Png("bulletin.png"),
        });
        Assert.Equal(HttpStatusCode.BadRequest, infected.Status);
        Assert.Equal("« Copie de la CNIB » : l'antivirus a détecté un virus (Eicar-Test-Signature) ; le fichier n'a pas été enregistré.", infected.ErrorFor("cnib"));
        Assert.Null(infected.ErrorFor("bulletin"));
        Assert.Equal(before + 2, host.Clamd.Scans);

        // The daemon stops answering: the file is refused, not let through unscanned.
        host.Clamd.Up = false;
        var silent = await session.SubmitAsync(infected, "Continuer vers le récapitulatif", files: new Dictionary<string, Upload> { ["cnib"] = TestFiles.Pdf("cnib.pdf") });
        Assert.Equal("« Copie de la CNIB » : l'analyse antivirus est momentanément indisponible ; joignez le fichier à nouveau dans quelques minutes.", silent.ErrorFor("cnib"));

        host.Clamd.Up = true;
        var review = await session.SubmitAsync(silent, "Continuer vers le récapitulatif", files: new Dictionary<string, Upload> { ["cnib"] = TestFiles.Pdf("cnib.pdf") });
        Assert.Contains("Vérifiez votre demande avant de la déposer", review.Text, StringComparison.Ordinal);
    }
}
