using System.Buffers.Binary;
using System.Net.Sockets;
using System.Text;
using Microsoft.Extensions.Options;

namespace EServices.Web.Infrastructure.Storage;

public sealed class VirusScanOptions
{
    public const string Section = "ClamAv";

    /// <summary>clamd's TCP address (its TCPAddr/TCPSocket settings); leave Host and Socket empty to scan nothing.</summary>
    public string? Host { get; set; }

    public int Port { get; set; } = 3310;

    /// <summary>clamd's local socket (its LocalSocket setting, e.g. /run/clamav/clamd.ctl), used instead of Host when set.</summary>
    public string? Socket { get; set; }

    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(30);
}

public enum ScanVerdict
{
    /// <summary>No scanner is configured: files are judged by their content only.</summary>
    NotScanned,
    Clean,
    Infected,

    /// <summary>The scanner is configured but did not answer: the file is refused rather than let through unscanned.</summary>
    Unavailable,
}

/// <summary>Optional antivirus: streams each upload to clamd with its INSTREAM command (see clamd's manual page).</summary>
public sealed class VirusScanner(IOptions<VirusScanOptions> options, ILogger<VirusScanner> logger)
{
    private const int Chunk = 64 * 1024;

    public async Task<(ScanVerdict Verdict, string? Signature)> ScanAsync(byte[] content, CancellationToken ct)
    {
        var settings = options.Value;
        if (string.IsNullOrWhiteSpace(settings.Host) && string.IsNullOrWhiteSpace(settings.Socket))
        {
            return (ScanVerdict.NotScanned, null);
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(settings.Timeout);
        try
        {
            var reply = await AskAsync(settings, content, timeout.Token);
            // "stream: OK", "stream: Eicar-Signature FOUND", or "... ERROR" (size limit, broken database…).
            if (reply.EndsWith(" FOUND", StringComparison.Ordinal))
            {
                var signature = reply["stream: ".Length..^" FOUND".Length];
                logger.LogWarning("Upload refused by the antivirus: {Signature}", signature);
                return (ScanVerdict.Infected, signature);
            }

            if (reply.EndsWith(": OK", StringComparison.Ordinal))
            {
                return (ScanVerdict.Clean, null);
            }

            logger.LogError("The antivirus could not scan an upload: {Reply}", reply);
        }
        catch (Exception failure) when (failure is SocketException or IOException or OperationCanceledException && !ct.IsCancellationRequested)
        {
            logger.LogError(failure, "The antivirus is unreachable");
        }

        return (ScanVerdict.Unavailable, null);
    }

    private static async Task<string> AskAsync(VirusScanOptions settings, byte[] content, CancellationToken ct)
    {
        using var socket = string.IsNullOrWhiteSpace(settings.Socket)
            ? new Socket(SocketType.Stream, ProtocolType.Tcp)
            : new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        if (string.IsNullOrWhiteSpace(settings.Socket))
        {
            await socket.ConnectAsync(settings.Host!, settings.Port, ct);
        }
        else
        {
            await socket.ConnectAsync(new UnixDomainSocketEndPoint(settings.Socket), ct);
        }

        await using var stream = new NetworkStream(socket, ownsSocket: false);
        await stream.WriteAsync("zINSTREAM\0"u8.ToArray(), ct);
        var length = new byte[4];
        for (var offset = 0; offset < content.Length; offset += Chunk)
        {
            var size = Math.Min(Chunk, content.Length - offset);
            BinaryPrimitives.WriteUInt32BigEndian(length, (uint)size);
            await stream.WriteAsync(length, ct);
            await stream.WriteAsync(content.AsMemory(offset, size), ct);
        }

        await stream.WriteAsync(new byte[4], ct); // a zero-length chunk ends the stream
        using var reply = new MemoryStream();
        var buffer = new byte[256];
        int read;
        while ((read = await stream.ReadAsync(buffer, ct)) > 0)
        {
            reply.Write(buffer, 0, read);
            if (buffer[read - 1] == 0)
            {
                break;
            }
        }

        return Encoding.ASCII.GetString(reply.ToArray()).TrimEnd('\0', '\n');
    }
}
