using Microsoft.Extensions.Options;

namespace EServices.Web.Infrastructure;

public sealed class PortalOptions
{
    public const string Section = "Portal";

    public const string Required =
        "Portal:PublicUrl (env Portal__PublicUrl) must be the portal's public address, absolute http(s) without query, " +
        "e.g. https://eservices.fonction-publique.gov.bf: every e-mail, receipt and certificate links to it.";

    /// <summary>The address citizens and staff reach the portal at, path base included: https://eservices.fonction-publique.gov.bf.</summary>
    public string? PublicUrl { get; set; }

    public bool IsValid() =>
        Uri.TryCreate(PublicUrl, UriKind.Absolute, out var uri) && uri.Scheme is "https" or "http" && uri.Host.Length > 0
        && uri.Query.Length == 0 && uri.Fragment.Length == 0 && uri.UserInfo.Length == 0;
}

/// <summary>
/// Every address the portal sends out (e-mails, SMS, QR codes and printed check addresses) starts with the
/// configured <see cref="PortalOptions.PublicUrl"/>, never with the request's Host or X-Forwarded-Host: those are chosen by
/// whoever sends the request, and a reset link to their host hands them the account.
/// </summary>
public sealed class PublicLinks(IOptions<PortalOptions> options)
{
    /// <summary>Scheme, host, port and path base, without a trailing slash.</summary>
    public string Base { get; } = options.Value.PublicUrl!.TrimEnd('/');

    /// <summary>The public address of a path of the portal ("/verifier/…").</summary>
    public string To(string path) => Base + path;

    public string RequestPage(string number) => To($"/mes-demandes/{Uri.EscapeDataString(number)}");

    /// <summary>The request's page in few characters, for an SMS: /d/FP-2027-000123 redirects to it.</summary>
    public string ShortRequest(string number) => To($"/d/{Uri.EscapeDataString(number)}");

    public string PasswordReset(string userId, string code) =>
        To($"/compte/reinitialiser?userId={Uri.EscapeDataString(userId)}&code={Uri.EscapeDataString(code)}");

    public string ForgotPassword => To("/compte/mot-de-passe-oublie");

    /// <summary>The host requests must name (AllowedHosts, unless configured otherwise).</summary>
    public string Host => new Uri(Base).Host;
}
