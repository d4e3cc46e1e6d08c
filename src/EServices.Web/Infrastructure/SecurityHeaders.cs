namespace EServices.Web.Infrastructure;

public static class SecurityHeaders
{
    public const string ContentSecurityPolicy =
        "default-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

    /// <summary>The HttpContext item naming other origins a page's forms may lead to (the payment page's form is answered
    /// by a redirect to the provider's page, and browsers check form-action on redirects too).</summary>
    public const string FormTargets = "csp-form-targets";

    /// <summary>The HttpContext item marking a response the portal's own pages may frame: an attachment previewed on the
    /// back-office's request page. Nobody else may (frame-ancestors 'self', X-Frame-Options SAMEORIGIN).</summary>
    public const string FramedByOwnPages = "framed-by-own-pages";

    /// <summary>
    /// Scripts and styles come from our own files only (no inline code), no one frames us, and nothing says which
    /// server or framework answers. Set when the response starts, so that error pages, re-executed status pages,
    /// static files and downloads carry them too, whatever cleared the headers before.
    /// </summary>
    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app) => app.Use((context, next) =>
    {
        context.Response.OnStarting(() =>
        {
            var headers = context.Response.Headers;
            var framed = context.Items.ContainsKey(FramedByOwnPages);
            var policy = context.Items[FormTargets] is string targets
                ? ContentSecurityPolicy.Replace("form-action 'self'", $"form-action 'self' {targets}", StringComparison.Ordinal)
                : ContentSecurityPolicy;
            headers.ContentSecurityPolicy = framed ? policy.Replace("frame-ancestors 'none'", "frame-ancestors 'self'", StringComparison.Ordinal) : policy;
            headers.XContentTypeOptions = "nosniff";
            headers["Referrer-Policy"] = "same-origin";
            headers.XFrameOptions = framed ? "SAMEORIGIN" : "DENY";
            headers.Remove("Server");
            headers.Remove("X-Powered-By");
            if (context.User.Identity?.IsAuthenticated == true && !headers.ContainsKey("Cache-Control"))
            {
                // A signed-in page, export or document holds personal data: no copy in a shared or browser cache.
                headers.CacheControl = "no-store";
            }

            return Task.CompletedTask;
        });
        return next();
    });
}
