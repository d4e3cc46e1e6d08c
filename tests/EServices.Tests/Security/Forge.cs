using System.Net;
using AngleSharp.Html.Parser;
using EServices.Tests.Infrastructure;

namespace EServices.Tests.Security;

/// <summary>Hand-made requests of a signed-in user: a POST carrying the user's own valid antiforgery token, to any address.</summary>
public static class Forge
{
    private static readonly HtmlParser Parser = new();

    public static async Task<Page> PostPageAsync(WebSession session, string url, params (string Name, string Value)[] fields)
    {
        // Every page of a signed-in user carries a token (the sign-out form); it is valid for any form of the session.
        var home = await session.GetAsync("/");
        var token = home.Html.QuerySelector("input[name=__RequestVerificationToken]")?.GetAttribute("value")
            ?? throw new InvalidOperationException("No antiforgery token on the home page.");
        using var content = new FormUrlEncodedContent(fields.Append(("__RequestVerificationToken", token)).Select(f => KeyValuePair.Create(f.Item1, f.Item2)));
        var response = await session.Client.PostAsync(url, content);
        return new Page(response.StatusCode, url, await Parser.ParseDocumentAsync(await response.Content.ReadAsStringAsync()), response);
    }

    public static async Task<HttpStatusCode> GetAsync(WebSession session, string url)
    {
        using var response = await session.Client.GetAsync(url);
        return response.StatusCode;
    }
}
