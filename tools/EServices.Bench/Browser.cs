using System.Net;
using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;
using EServices.Tests.Infrastructure;

namespace EServices.Bench;

/// <summary>A page as the browser got it.</summary>
public sealed record Page(HttpStatusCode Status, string Url, IHtmlDocument Html, HttpResponseMessage Response)
{
    public string Method { get; init; } = "GET";

    public string Text => Html.Body?.TextContent ?? "";
}

/// <summary>A browser-like session over plain HTTP on loopback: it keeps cookies itself because the portal's cookies are
/// <c>__Host-</c> and Secure, which .NET's CookieContainer would not send to http://127.0.0.1 (browsers do: loopback is
/// a secure context). Forms are posted as the tests' <see cref="FormPost"/> fills them.</summary>
public sealed class Browser : IDisposable
{
    private static readonly HtmlParser Parser = new();
    private readonly HttpClient _client;
    private readonly Dictionary<string, string> _cookies = new(StringComparer.Ordinal);

    public Browser(Uri baseAddress)
    {
        var handler = new SocketsHttpHandler
        {
            UseCookies = false,
            AllowAutoRedirect = false,
            AutomaticDecompression = DecompressionMethods.All,
            PooledConnectionLifetime = TimeSpan.FromMinutes(10),
            // A connection idle for 5 s is closed: in scenario 10, tens of thousands of waiting candidates reload every
            // 15 s, and a socket kept open for each would exceed this machine's 20 000 open files (the node's and the
            // client's) — a proxy in front of the nodes (docker-compose's nginx) holds those connections, not the node.
            PooledConnectionIdleTimeout = TimeSpan.FromSeconds(5),
        };
        _client = new HttpClient(handler) { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(60) };
    }

    /// <summary>The Cookie header this session sends (for wrk).</summary>
    public string CookieHeader => string.Join("; ", _cookies.Select(c => $"{c.Key}={c.Value}"));

    /// <summary>Told of every response with the time it took (scenarios 9 and 10: the time per request).</summary>
    public Action<Page, double>? Timed { get; set; }

    /// <summary>This session's cookies, to hand a signed-in account from one browser to another (scenario 10).</summary>
    public IReadOnlyDictionary<string, string> Cookies => _cookies;

    /// <summary>Takes the other session's cookies, keeping this one's whose names <paramref name="keep"/> accepts.</summary>
    public void Adopt(IReadOnlyDictionary<string, string> cookies, Func<string, bool> keep)
    {
        foreach (var name in _cookies.Keys.Where(n => !keep(n)).ToList())
        {
            _cookies.Remove(name);
        }

        foreach (var (name, value) in cookies.Where(c => !keep(c.Key)))
        {
            _cookies[name] = value;
        }
    }

    public async Task<Page> GetAsync(string url, CancellationToken ct = default)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        return await FollowAsync(await SendAsync(request, url, ct), ct);
    }

    public async Task<(HttpStatusCode Status, string? ContentType, byte[] Body)> DownloadAsync(string url, CancellationToken ct = default)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        AddCookies(request);
        var watch = System.Diagnostics.Stopwatch.StartNew();
        using var response = await _client.SendAsync(request, ct);
        KeepCookies(response);
        var body = await response.Content.ReadAsByteArrayAsync(ct);
        Timed?.Invoke(new Page(response.StatusCode, url, Parser.ParseDocument(""), response), watch.Elapsed.TotalMilliseconds);
        return (response.StatusCode, response.Content.Headers.ContentType?.MediaType, body);
    }

    /// <summary>Fills the form holding the submit button whose text starts with <paramref name="button"/> and posts it.</summary>
    public async Task<Page> SubmitAsync(
        Page page, string button, IEnumerable<(string Name, string Value)>? values = null, IDictionary<string, Upload>? files = null, CancellationToken ct = default)
    {
        var (action, content) = FormPost.Press(page.Html, page.Url, button, values, files);
        // A page of another site (the payment provider's) posts to that site.
        if (IsWeb(page.Url, out var from) && !IsWeb(action, out _))
        {
            action = new Uri(from, action).ToString();
        }

        using var request = new HttpRequestMessage(HttpMethod.Post, action) { Content = content };
        return await FollowAsync(await SendAsync(request, action, ct), ct);
    }

    public void Dispose() => _client.Dispose();

    /// <summary>An http(s) address ("/paiement/x" is an absolute file address to .NET on Linux, not a web one).</summary>
    private static bool IsWeb(string url, out Uri uri) =>
        Uri.TryCreate(url, UriKind.Absolute, out uri!) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps);

    private async Task<Page> SendAsync(HttpRequestMessage request, string url, CancellationToken ct)
    {
        AddCookies(request);
        var watch = System.Diagnostics.Stopwatch.StartNew();
        var response = await _client.SendAsync(request, ct);
        KeepCookies(response);
        var html = response.Content.Headers.ContentType?.MediaType == "text/html" ? await response.Content.ReadAsStringAsync(ct) : "";
        var elapsed = watch.Elapsed.TotalMilliseconds;
        var page = new Page(response.StatusCode, url, await Parser.ParseDocumentAsync(html, ct), response);
        Timed?.Invoke(page with { Method = request.Method.Method }, elapsed);
        return page;
    }

    private async Task<Page> FollowAsync(Page page, CancellationToken ct)
    {
        for (var hops = 0; hops < 10 && page.Status is HttpStatusCode.Redirect or HttpStatusCode.Found or HttpStatusCode.SeeOther; hops++)
        {
            var location = page.Response.Headers.Location!.OriginalString;
            page.Response.Dispose();
            using var request = new HttpRequestMessage(HttpMethod.Get, location);
            page = await SendAsync(request, location, ct);
        }

        return page;
    }

    private void AddCookies(HttpRequestMessage request)
    {
        if (_cookies.Count > 0)
        {
            request.Headers.TryAddWithoutValidation("Cookie", CookieHeader);
        }
    }

    private void KeepCookies(HttpResponseMessage response)
    {
        if (!response.Headers.TryGetValues("Set-Cookie", out var values))
        {
            return;
        }

        foreach (var value in values)
        {
            var pair = value.Split(';', 2)[0];
            var eq = pair.IndexOf('=', StringComparison.Ordinal);
            if (eq <= 0)
            {
                continue;
            }

            var (name, content) = (pair[..eq].Trim(), pair[(eq + 1)..].Trim());
            // A cookie set empty or already expired is a deletion.
            if (content.Length == 0 || value.Contains("expires=Thu, 01 Jan 1970", StringComparison.OrdinalIgnoreCase))
            {
                _cookies.Remove(name);
            }
            else
            {
                _cookies[name] = content;
            }
        }
    }
}

/// <summary>A step of a scenario that did not go as a user would expect.</summary>
public sealed class BenchException(string message) : Exception(message);
