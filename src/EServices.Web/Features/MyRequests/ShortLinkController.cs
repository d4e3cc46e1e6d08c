using System.Text.RegularExpressions;

namespace EServices.Web.Features.MyRequests;

/// <summary>
/// The short address an SMS carries (PublicLinks.ShortRequest): /d/FP-2027-000123 leads to the request's page, which
/// asks whoever is not signed in to sign in. Open to all, since it only redirects; anything that is not a tracking
/// number is not found.
/// </summary>
[AllowAnonymous]
public sealed partial class ShortLinkController : Controller
{
    [HttpGet("/d/{number}")]
    public IActionResult Open(string number) =>
        TrackingNumber().IsMatch(number) ? LocalRedirect($"~/mes-demandes/{number.ToUpperInvariant()}") : NotFound();

    /// <summary>A prefix (a service's, up to 6 letters, or ESSAI), the year, the counter: typed in any case from a phone.</summary>
    /// <summary>\z, not $: "$" also matches before a final line feed, which would reach the Location header.</summary>
    [GeneratedRegex("^[A-Za-z]{1,6}-[0-9]{4}-[0-9]{6,9}\\z")]
    private static partial Regex TrackingNumber();
}
