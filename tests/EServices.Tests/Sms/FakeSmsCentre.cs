using System.Net.Sockets;
using System.Text;
using System.Web;

namespace EServices.Tests.Sms;

/// <summary>An SMS as the operator's centre received it from Kannel: parts reassembled, encoding as it went over the air.</summary>
public sealed record ReceivedSms(string From, string To, string Text, SmsCoding Coding, int Parts);

/// <summary>
/// The operator's SMS centre, played by the test: a TCP client on Kannel's fake SMSC port speaking fakesmsc's line
/// protocol. Kannel writes one line per SMS part — "from to text &lt;text&gt;" (GSM-7, one part), "from to ucs-2
/// &lt;url-encoded UTF-16BE&gt;", "from to udh &lt;url-encoded UDH&gt; data &lt;url-encoded bytes&gt;" for each part of a long
/// SMS — and reads one line per incoming SMS: "from to text &lt;text&gt;". It reconnects when Kannel restarts.
/// </summary>
public sealed class FakeSmsCentre(int port) : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly List<ReceivedSms> _received = [];
    private readonly Dictionary<(string To, byte Reference), SortedDictionary<int, (string Line, byte[] Data)>> _partial = [];
    private StreamWriter? _writer;
    private Task? _loop;

    private Task? _inbox;

    /// <summary>Connects to Kannel; with <paramref name="inbox"/>, also sends each line appended to that file, as
    /// scripts/run.sh's "tail -f inbox | fakesmsc" does for the development SMS page.</summary>
    public void Start(string? inbox = null)
    {
        _loop = Task.Run(() => RunAsync(_stop.Token));
        if (inbox is not null)
        {
            _inbox = Task.Run(() => FollowAsync(inbox, _stop.Token));
        }
    }

    private async Task FollowAsync(string inbox, CancellationToken ct)
    {
        File.WriteAllText(inbox, "");
        using var file = new StreamReader(new FileStream(inbox, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete));
        try
        {
            while (!ct.IsCancellationRequested)
            {
                if (await file.ReadLineAsync(ct) is { } line)
                {
                    await (Volatile.Read(ref _writer) ?? throw new IOException("Not connected")).WriteLineAsync(line);
                }
                else
                {
                    await Task.Delay(100, ct);
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
        finally
        {
            File.Delete(inbox);
        }
    }

    /// <summary>Every SMS received so far for <paramref name="to"/> (E.164, +22670123456).</summary>
    public IReadOnlyList<ReceivedSms> To(string to)
    {
        lock (_received)
        {
            return _received.Where(s => s.To == to).ToList();
        }
    }

    /// <summary>Waits until <paramref name="count"/> SMS reached <paramref name="to"/> (30 s at most, for loaded machines).</summary>
    public async Task<IReadOnlyList<ReceivedSms>> WaitForAsync(string to, int count = 1, TimeSpan? timeout = null)
    {
        var until = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(30));
        while (To(to) is var got && got.Count < count)
        {
            if (DateTime.UtcNow > until)
            {
                throw new TimeoutException($"{got.Count} SMS of {count} reached {to} at the fake SMS centre.");
            }

            await Task.Delay(50);
        }

        return To(to);
    }

    /// <summary>An SMS from a phone to the portal's number, as the operator passes it on.</summary>
    public async Task SendAsync(string from, string to, string text)
    {
        var until = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (Volatile.Read(ref _writer) is null && DateTime.UtcNow < until)
        {
            await Task.Delay(50);
        }

        await (_writer ?? throw new TimeoutException("Not connected to Kannel.")).WriteLineAsync($"{from} {to} text {text}");
    }

    private async Task RunAsync(CancellationToken ct)
    {
        while (!ct.IsCancellationRequested)
        {
            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync("127.0.0.1", port, ct);
                var stream = client.GetStream();
                using var reader = new StreamReader(stream, Encoding.UTF8);
                Volatile.Write(ref _writer, new StreamWriter(stream, new UTF8Encoding(false)) { AutoFlush = true, NewLine = "\n" });
                while (await reader.ReadLineAsync(ct) is { } line)
                {
                    Take(line);
                }
            }
            catch (Exception ex) when (ex is SocketException or IOException)
            {
                // Kannel is stopped or restarting: connect again.
            }
            catch (OperationCanceledException)
            {
                return;
            }

            Volatile.Write(ref _writer, null);
            await Task.Delay(100, CancellationToken.None);
        }
    }

    private void Take(string line)
    {
        var words = line.Split(' ');
        if (words.Length < 4)
        {
            return;
        }

        var (from, to, kind) = (words[0], words[1], words[2]);
        var rest = string.Join(' ', words[3..]);
        switch (kind)
        {
            case "text":
                Add(new ReceivedSms(from, to, rest, SmsCoding.Gsm7, 1));
                break;
            case "ucs-2":
                Add(new ReceivedSms(from, to, Encoding.BigEndianUnicode.GetString(HttpUtility.UrlDecodeToBytes(rest)), SmsCoding.Ucs2, 1));
                break;
            case "udh" when words.Length >= 6 && words[4] == "data":
                TakePart(from, to, HttpUtility.UrlDecodeToBytes(words[3]), HttpUtility.UrlDecodeToBytes(string.Join(' ', words[5..])));
                break;
        }
    }

    /// <summary>A part of a long SMS (UDH 05 00 03 ref total seq); the SMS counts once every part arrived.</summary>
    private void TakePart(string from, string to, byte[] udh, byte[] data)
    {
        var (reference, total, seq) = (udh[3], udh[4], udh[5]);
        lock (_partial)
        {
            var parts = _partial.TryGetValue((to, reference), out var p) ? p : _partial[(to, reference)] = [];
            parts[seq] = (from, data);
            if (parts.Count < total)
            {
                return;
            }

            _partial.Remove((to, reference));
            var bytes = parts.Values.SelectMany(v => v.Data).ToArray();
            // Kannel writes GSM-7 parts back as UTF-8 and UCS-2 parts as UTF-16BE: the latter hold NULs or invalid UTF-8.
            var utf8 = new UTF8Encoding(false, throwOnInvalidBytes: true);
            SmsCoding coding;
            string text;
            try
            {
                text = bytes.Contains((byte)0) ? throw new DecoderFallbackException() : utf8.GetString(bytes);
                coding = SmsCoding.Gsm7;
            }
            catch (DecoderFallbackException)
            {
                text = Encoding.BigEndianUnicode.GetString(bytes);
                coding = SmsCoding.Ucs2;
            }

            Add(new ReceivedSms(from, to, text, coding, total));
        }
    }

    private void Add(ReceivedSms sms)
    {
        lock (_received)
        {
            _received.Add(sms);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        foreach (var task in new[] { _loop, _inbox }.OfType<Task>())
        {
            await task;
        }

        _stop.Dispose();
    }
}
