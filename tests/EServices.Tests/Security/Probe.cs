using System.Net;
using EServices.Tests.Infrastructure;

namespace EServices.Tests.Security;

/// <summary>Sends one request to an endpoint, without an antiforgery token, and says how the portal answered.</summary>
public static class Probe
{
    public static async Task<HttpResponseMessage> SendAsync(WebSession session, AppEndpoint endpoint, AccessWorld world)
    {
        using var request = new HttpRequestMessage(new HttpMethod(endpoint.Method), endpoint.Url(world));
        if (endpoint.Method != "GET")
        {
            request.Content = new FormUrlEncodedContent([]);
        }

        return await session.Client.SendAsync(request);
    }

    /// <summary>True when the answer is a refusal: the sign-in page for nobody, the access-denied page for a signed-in
    /// user, or 401/403.</summary>
    public static bool IsRefusal(HttpResponseMessage response, Who who) =>
        response.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden
        || (response.StatusCode == HttpStatusCode.Redirect && RedirectPath(response) == (who == Who.Anonymous ? "/compte/connexion" : "/compte/acces-refuse"));

    public static string Describe(HttpResponseMessage response) =>
        response.Headers.Location is { } location ? $"{(int)response.StatusCode} → {location.OriginalString}" : $"{(int)response.StatusCode}";

    private static string? RedirectPath(HttpResponseMessage response) =>
        response.Headers.Location is not { } location ? null
        : location.IsAbsoluteUri ? location.AbsolutePath
        : location.OriginalString.Split('?')[0];
}
