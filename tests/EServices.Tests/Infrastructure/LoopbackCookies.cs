using System.Net;

namespace EServices.Tests.Infrastructure;

/// <summary>
/// Cookies as a browser keeps them for http://127.0.0.1, which it treats as secure: the portal's cookies are Secure, and
/// .NET's own cookie handling never sends those over plain HTTP. For a session with a portal on a real loopback port.
/// </summary>
public sealed class LoopbackCookies : DelegatingHandler
{
    private readonly CookieContainer _cookies = new();

    public LoopbackCookies() => InnerHandler = new SocketsHttpHandler { UseCookies = false, AllowAutoRedirect = false };

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var secure = new UriBuilder(request.RequestUri!) { Scheme = Uri.UriSchemeHttps, Port = request.RequestUri!.Port }.Uri;
        if (_cookies.GetCookieHeader(secure) is { Length: > 0 } header)
        {
            request.Headers.Add("Cookie", header);
        }

        var response = await base.SendAsync(request, cancellationToken);
        if (response.Headers.TryGetValues("Set-Cookie", out var set))
        {
            foreach (var cookie in set)
            {
                _cookies.SetCookies(secure, cookie);
            }
        }

        return response;
    }
}
