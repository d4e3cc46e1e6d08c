using System.Net;
using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;

namespace EServices.Tests.Infrastructure;

/// <summary>A page as a user sees it: status, address and parsed HTML.</summary>
public sealed record Page(HttpStatusCode Status, string Url, IHtmlDocument Html, HttpResponseMessage Response)
{
    /// <summary>The visible text, white space folded: what assertions read.</summary>
    public string Text => string.Join(' ', (Html.Body?.TextContent ?? "").Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));

    public string? Location => Response.Headers.Location?.OriginalString;

    /// <summary>The error shown next to a field (by the field's id), if any.</summary>
    public string? ErrorFor(string fieldId) => Html.QuerySelector($"#{fieldId}-erreur")?.TextContent.Replace("Erreur :", "", StringComparison.Ordinal).Trim();

    public IReadOnlyList<string> SummaryErrors => Html.QuerySelectorAll(".error-summary li").Select(li => li.TextContent.Trim()).ToList();

    public string? ValueOf(string fieldId) => (Html.GetElementById(fieldId) as IHtmlInputElement)?.Value
        ?? (Html.GetElementById(fieldId) as IHtmlTextAreaElement)?.Value;
}

/// <summary>A browser-like HTTP session: cookies, forms with their antiforgery token, redirects followed on demand.</summary>
public sealed class WebSession(HttpClient client) : IDisposable
{
    private static readonly HtmlParser Parser = new();

    public HttpClient Client => client;

    /// <summary>The portal this session talks to, where helpers read what a step needs from outside the pages (the activation link of a sign-up).</summary>
    public HostFixture? Host { get; init; }

    public async Task<Page> GetAsync(string url, bool follow = true)
    {
        var response = await client.GetAsync(url);
        var page = await ToPageAsync(response, url);
        return follow ? await FollowAsync(page) : page;
    }

    /// <summary>Fills the form that holds <paramref name="button"/> (a submit button's text) and submits it as a browser would.</summary>
    public async Task<Page> SubmitAsync(
        Page page,
        string button,
        IEnumerable<(string Name, string Value)>? values = null,
        IDictionary<string, Upload>? files = null,
        bool follow = true)
    {
        var (action, content) = FormPost.Press(page.Html, page.Url, button, values, files);
        var response = await client.PostAsync(action, content);
        var result = await ToPageAsync(response, action);
        return follow ? await FollowAsync(result) : result;
    }

    /// <summary>Clicks the link whose text starts with <paramref name="text"/>.</summary>
    public Task<Page> ClickAsync(Page page, string text)
    {
        var link = page.Html.QuerySelectorAll("a[href]").FirstOrDefault(a => a.TextContent.Trim().StartsWith(text, StringComparison.Ordinal))
            ?? throw new InvalidOperationException($"No link \"{text}\" on {page.Url}");
        return GetAsync(link.GetAttribute("href")!);
    }

    public async Task<Page> FollowAsync(Page page)
    {
        for (var hops = 0; hops < 10 && page.Status is HttpStatusCode.Redirect or HttpStatusCode.Found or HttpStatusCode.SeeOther; hops++)
        {
            var location = page.Location!;
            page = await ToPageAsync(await client.GetAsync(location), location);
        }

        return page;
    }

    public async Task<(HttpStatusCode Status, byte[] Content, HttpResponseMessage Response)> DownloadAsync(string url)
    {
        var response = await client.GetAsync(url);
        return (response.StatusCode, await response.Content.ReadAsByteArrayAsync(), response);
    }

    public void Dispose() => client.Dispose();

    private static async Task<Page> ToPageAsync(HttpResponseMessage response, string url)
    {
        var html = response.Content.Headers.ContentType?.MediaType == "text/html" ? await response.Content.ReadAsStringAsync() : "";
        return new Page(response.StatusCode, url, await Parser.ParseDocumentAsync(html), response);
    }
}
