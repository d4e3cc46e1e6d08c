using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.ViewFeatures;

namespace EServices.Web.Features.Accounts;

/// <summary>
/// The cookies of a session: every one named <c>__Host-</c> (the browser then accepts it only Secure, for the whole site, from
/// this host alone), HttpOnly, SameSite. Chromium and Firefox treat http://127.0.0.1 and http://localhost as secure, so the
/// portal still works on <c>scripts/run.sh</c>'s plain-HTTP address.
/// </summary>
public static class SessionCookies
{
    public const string Session = "__Host-eservices.session";
    public const string SecondFactorPending = "__Host-eservices.2fa";
    public const string Antiforgery = "__Host-eservices.af";
    public const string TempData = "__Host-eservices.tempdata";

    /// <summary>Staff sessions end after 30 minutes without a request; applicants keep 8 hours (both sliding).</summary>
    public static readonly TimeSpan StaffIdleTimeout = TimeSpan.FromMinutes(30);

    public static readonly TimeSpan ApplicantIdleTimeout = TimeSpan.FromHours(8);

    public static IServiceCollection AddSessionCookies(this IServiceCollection services)
    {
        services.ConfigureApplicationCookie(o =>
        {
            o.LoginPath = "/compte/connexion";
            o.LogoutPath = "/compte/deconnexion";
            o.AccessDeniedPath = "/compte/acces-refuse";
            Harden(o.Cookie, Session, SameSiteMode.Lax);
            o.SlidingExpiration = true;
            o.ExpireTimeSpan = ApplicantIdleTimeout;
            o.Events.OnSigningIn = ShortenStaffSessions;
            o.Events.OnValidatePrincipal = SessionCheck.ValidateAsync;
        });
        services.Configure<CookieAuthenticationOptions>(IdentityConstants.TwoFactorUserIdScheme, o => Harden(o.Cookie, SecondFactorPending, SameSiteMode.Lax));
        services.AddAntiforgery(o =>
        {
            Harden(o.Cookie, Antiforgery, SameSiteMode.Strict);
            // Antiforgery throws on plain HTTP when its cookie policy is Always: the cookie policy below marks it Secure instead.
            o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
        });
        services.Configure<CookieTempDataProviderOptions>(o => Harden(o.Cookie, TempData, SameSiteMode.Lax));
        services.AddSingleton<CookieTempDataProvider>();
        services.AddSingleton<ITempDataProvider, QuietTempDataProvider>();
        return services;
    }

    /// <summary>Marks every cookie Secure and HttpOnly, whatever the scheme of the request: behind a TLS proxy, or on
    /// loopback HTTP, the browser must still treat them as <c>__Host-</c> cookies.</summary>
    public static IApplicationBuilder UseSessionCookies(this IApplicationBuilder app) =>
        app.UseCookiePolicy(new CookiePolicyOptions
        {
            Secure = CookieSecurePolicy.Always,
            HttpOnly = Microsoft.AspNetCore.CookiePolicy.HttpOnlyPolicy.Always,
            MinimumSameSitePolicy = SameSiteMode.Lax,
        });

    private static void Harden(CookieBuilder cookie, string name, SameSiteMode sameSite)
    {
        cookie.Name = name;
        cookie.SecurePolicy = CookieSecurePolicy.Always;
        cookie.HttpOnly = true;
        cookie.SameSite = sameSite;
        cookie.Path = "/";
        cookie.Domain = null;
    }

    /// <summary>The ticket's own lifetime is what sliding expiration renews, so a shorter one at sign-in stays short.</summary>
    private static Task ShortenStaffSessions(CookieSigningInContext context)
    {
        if (context.Principal is { } principal && Roles.All.Any(principal.IsInRole) && context.Properties.IssuedUtc is { } issued)
        {
            context.Properties.ExpiresUtc = issued + StaffIdleTimeout;
        }

        return Task.CompletedTask;
    }

    /// <summary>ASP.NET's cookie provider answers every page that looks at TempData (the layout does) with a Set-Cookie
    /// deleting the cookie, even for a visitor who has none; such a page could then never be cached. This one stays quiet
    /// when there is nothing to save and nothing to delete.</summary>
    private sealed class QuietTempDataProvider(CookieTempDataProvider cookies) : ITempDataProvider
    {
        public IDictionary<string, object> LoadTempData(HttpContext context) => cookies.LoadTempData(context);

        public void SaveTempData(HttpContext context, IDictionary<string, object> values)
        {
            if (values.Count > 0 || context.Request.Cookies.ContainsKey(TempData))
            {
                cookies.SaveTempData(context, values);
            }
        }
    }
}
