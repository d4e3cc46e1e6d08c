using System.Text.RegularExpressions;
using EServices.Web.Payments;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Primitives;

namespace EServices.Web.Features.Checkout;

/// <summary>Where the payment provider sends the applicant back. Anonymous: the provider's site posts the browser here,
/// and whatever arrives only leads to a check with the provider.</summary>
[AllowAnonymous]
public sealed partial class ProviderController(PaymentReturn returns, UserManager<ApplicationUser> users) : Controller
{
    /// <summary>The pending page asks again this often (a meta refresh: no script needed).</summary>
    public const int RefreshSeconds = 10;

    [HttpGet(PaymentLedger.ReturnPath)]
    public async Task<IActionResult> Return(CancellationToken ct)
    {
        var id = TransactionId(Request.Query["transaction_id"]);
        var page = await returns.CheckAsync(id, User.Identity?.IsAuthenticated == true ? users.GetUserId(User) : null, ct);
        if (page.Outcome == ReturnOutcome.Pending)
        {
            ViewData["Refresh"] = $"{RefreshSeconds};url={PaymentLedger.ReturnPath}?transaction_id={id}";
        }

        return View(page);
    }

    /// <summary>CinetPay posts the browser back (transaction_id, token). The session cookie (SameSite=Lax) comes with a
    /// cross-site GET only: the post is turned into one.</summary>
    [HttpPost(PaymentLedger.ReturnPath)]
    [IgnoreAntiforgeryToken]
    [RequestSizeLimit(16 * 1024)]
    public async Task<IActionResult> Returned(CancellationToken ct)
    {
        var id = TransactionId(Request.Query["transaction_id"]) ?? TransactionId((await FormAsync(HttpContext, ct))["transaction_id"]);
        if (id is null)
        {
            return View("Return", new ReturnPage(ReturnOutcome.Neutral));
        }

        Response.Headers.Location = $"{PaymentLedger.ReturnPath}?transaction_id={id}";
        return StatusCode(StatusCodes.Status303SeeOther);
    }

    /// <summary>The posted form, or an empty one when the body is not a form, is malformed or too large.</summary>
    public static async Task<IFormCollection> FormAsync(HttpContext http, CancellationToken ct)
    {
        try
        {
            return http.Request.HasFormContentType ? await http.Request.ReadFormAsync(ct) : FormCollection.Empty;
        }
        catch (Exception e) when (e is InvalidDataException or BadHttpRequestException or IOException)
        {
            return FormCollection.Empty;
        }
    }

    /// <summary>One value, as the portal makes them (letters and digits, at most 25), or null.</summary>
    private static string? TransactionId(StringValues values) =>
        values is [{ } value] && OurTransactionId().IsMatch(value) ? value : null;

    [GeneratedRegex("^[A-Za-z0-9]{1,25}$")]
    private static partial Regex OurTransactionId();
}
