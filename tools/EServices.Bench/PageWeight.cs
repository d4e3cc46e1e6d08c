using System.IO.Compression;
using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using AngleSharp.Html.Parser;

namespace EServices.Bench;

/// <summary>Scenario 6: bytes a browser downloads for a page (headers and bodies, as sent, with Accept-Encoding: br, gzip),
/// on a first visit (the page and every stylesheet, script, icon and image it links, and the images and fonts its CSS
/// names) and on a repeat visit (the page again; a resource whose Cache-Control gives a max-age is taken from the cache,
/// any other is asked again with If-None-Match / If-Modified-Since).</summary>
public static partial class PageWeight
{
    private static readonly HtmlParser Parser = new();

    public static async Task<int> RunAsync(Uri baseAddress, int account)
    {
        // The form step is an applicant's: a signed-in session starts a draft of the filing scenario's procedure.
        using var browser = new Browser(baseAddress);
        await Filing.SignInAsync(browser, Seed.Email(account), Seed.Password);
        var sheet = await browser.GetAsync($"/demarches/{Filing.Slug}");
        var step = await browser.SubmitAsync(sheet, "Commencer la démarche");
        if (step.Status != HttpStatusCode.OK || !step.Url.Contains("/etapes/", StringComparison.Ordinal))
        {
            throw new BenchException($"page weight: could not open a form step ({(int)step.Status} {step.Url})");
        }

        foreach (var (name, url, cookie) in new[] { ("home", "/", null), ("catalogue", "/demarches", null), ("form_step", step.Url, browser.CookieHeader) })
        {
            using var client = new HttpClient(new SocketsHttpHandler { UseCookies = false, AllowAutoRedirect = false, AutomaticDecompression = DecompressionMethods.None })
            {
                BaseAddress = baseAddress,
            };
            var cache = new Dictionary<Uri, Fetched>();
            var first = await VisitAsync(client, new Uri(baseAddress, url), cookie, cache, repeat: false);
            var repeat = await VisitAsync(client, new Uri(baseAddress, url), cookie, cache, repeat: true);
            Console.WriteLine($"weight_{name}_first={first}");
            Console.WriteLine($"weight_{name}_repeat={repeat}");
            Console.WriteLine($"weight_{name}_resources={cache.Count}");
        }

        return 0;
    }

    private sealed record Fetched(bool Fresh, string? ETag, string? LastModified);

    private static async Task<long> VisitAsync(HttpClient client, Uri page, string? cookie, Dictionary<Uri, Fetched> cache, bool repeat)
    {
        var (bytes, html, _) = await FetchAsync(client, page, cookie, null);
        var resources = new List<Uri>();
        var document = await Parser.ParseDocumentAsync(html);
        foreach (var element in document.QuerySelectorAll("link[href], script[src], img[src]"))
        {
            var rel = element.GetAttribute("rel") ?? "";
            if (element.LocalName == "link" && !Regex.IsMatch(rel, "stylesheet|icon|preload|manifest", RegexOptions.IgnoreCase))
            {
                continue;
            }

            resources.Add(new Uri(page, element.GetAttribute("href") ?? element.GetAttribute("src")!));
        }

        for (var i = 0; i < resources.Count; i++)
        {
            var uri = resources[i];
            if (cache.TryGetValue(uri, out var known) && (!repeat || known.Fresh))
            {
                continue; // fetched earlier in this visit, or fresh in the cache
            }

            var (size, body, fetched) = await FetchAsync(client, uri, cookie, repeat ? known : null);
            bytes += size;
            cache[uri] = fetched;
            if (!repeat && uri.AbsolutePath.EndsWith(".css", StringComparison.Ordinal))
            {
                resources.AddRange(CssUrl().Matches(body).Select(m => m.Groups[1].Value.Trim('\'', '"'))
                    .Where(u => !u.StartsWith("data:", StringComparison.Ordinal)).Select(u => new Uri(uri, u)).Where(u => !resources.Contains(u)));
            }
        }

        return bytes;
    }

    private static async Task<(long Bytes, string Body, Fetched Fetched)> FetchAsync(HttpClient client, Uri uri, string? cookie, Fetched? conditional)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, uri);
        request.Headers.TryAddWithoutValidation("Accept-Encoding", "br, gzip");
        if (cookie is not null)
        {
            request.Headers.TryAddWithoutValidation("Cookie", cookie);
        }

        if (conditional?.ETag is { } etag)
        {
            request.Headers.TryAddWithoutValidation("If-None-Match", etag);
        }

        if (conditional?.LastModified is { } modified)
        {
            request.Headers.TryAddWithoutValidation("If-Modified-Since", modified);
        }

        using var response = await client.SendAsync(request);
        if (!response.IsSuccessStatusCode && response.StatusCode != HttpStatusCode.NotModified)
        {
            throw new BenchException($"page weight: {uri} answered {(int)response.StatusCode}");
        }

        var raw = await response.Content.ReadAsByteArrayAsync();
        // The status line and headers count too: on a repeat visit they are most of what travels.
        var headers = 17 + response.Headers.Concat(response.Content.Headers).Sum(h => h.Key.Length + 4 + h.Value.Sum(v => v.Length + 2));
        var encoding = response.Content.Headers.ContentEncoding.FirstOrDefault();
        var body = Encoding.UTF8.GetString(Decode(raw, encoding));
        var cacheControl = response.Headers.CacheControl;
        var fresh = cacheControl is { NoCache: false, NoStore: false, MaxAge.TotalSeconds: > 0 };
        var fetched = new Fetched(fresh, response.Headers.ETag?.ToString(), response.Content.Headers.LastModified?.ToString("R"));
        return (raw.Length + headers, body, fetched);
    }

    private static byte[] Decode(byte[] raw, string? encoding)
    {
        if (encoding is null)
        {
            return raw;
        }

        using var input = new MemoryStream(raw);
        using Stream decoder = encoding == "br" ? new BrotliStream(input, CompressionMode.Decompress) : new GZipStream(input, CompressionMode.Decompress);
        using var output = new MemoryStream();
        decoder.CopyTo(output);
        return output.ToArray();
    }

    [GeneratedRegex(@"url\(([^)]+)\)")]
    private static partial Regex CssUrl();
}
