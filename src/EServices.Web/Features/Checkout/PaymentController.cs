using EServices.Web.Competitions;
using EServices.Web.Payments;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace EServices.Web.Features.Checkout;

/// <summary>The applicant pays the fee of a draft awaiting payment: online through the provider's page, reached by a
/// plain redirect (no script), or at a Treasury counter with the payment code; or goes back to the form, or deletes it.</summary>
[Authorize(Policy = AuthorizationPolicies.Applicant)]
public sealed class PaymentController(
    PaymentPageQuery pages,
    PaymentLedger ledger,
    BackToForm.Handler backToForm,
    CandidacyLinks candidacies,
    IOptions<PaymentOptions> options,
    UserManager<ApplicationUser> users) : Controller
{
    /// <summary>Where CinetPay's payment pages are (its API is on api-checkout.cinetpay.com).</summary>
    private const string CinetPayPages = "https://checkout.cinetpay.com";

    private string UserId => users.GetUserId(User)!;

    [HttpGet("/brouillons/{id:guid}/paiement")]
    public async Task<IActionResult> Pay(Guid id, CancellationToken ct) => await pages.FindAsync(id, UserId, ct) switch
    {
        null => NotFound(),
        { Page: { } page } => PageView(page),
        { Number: { } number } => Redirect($"/mes-demandes/{number}"),
        _ => Redirect($"/brouillons/{id}/recapitulatif"),
    };

    [HttpPost("/brouillons/{id:guid}/paiement")]
    public async Task<IActionResult> Open(Guid id, CancellationToken ct)
    {
        var opening = await ledger.OpenAsync(id, UserId, payerPhone: null, ct);
        if (opening.PaymentUrl is { } url)
        {
            // 303: the browser follows with a GET, whatever the provider's page (and without JavaScript).
            Response.Headers.Location = url;
            return StatusCode(StatusCodes.Status303SeeOther);
        }

        if (opening.Number is { } number)
        {
            return Redirect($"/mes-demandes/{number}");
        }

        return await RefusedAsync(id, opening.Refusal!, StatusCodes.Status503ServiceUnavailable, ct);
    }

    [HttpPost("/brouillons/{id:guid}/paiement/formulaire")]
    public async Task<IActionResult> ReopenForm(Guid id, CancellationToken ct)
    {
        var result = await backToForm.HandleAsync(new BackToForm.Command(id, UserId), ct);
        return result switch
        {
            { Found: false } => NotFound(),
            { Number: { } number } => Redirect($"/mes-demandes/{number}"),
            { Refusal: { } refusal } => await RefusedAsync(id, refusal, StatusCodes.Status409Conflict, ct),
            _ => Redirect(await candidacies.ResumeAsync(id, ct) ?? $"/brouillons/{id}/recapitulatif"),
        };
    }

    /// <summary>The payment page again with why the action was refused; if the draft no longer waits (deleted, filed,
    /// back to its form meanwhile), wherever it now is.</summary>
    private async Task<IActionResult> RefusedAsync(Guid id, string refusal, int status, CancellationToken ct)
    {
        if (await pages.FindAsync(id, UserId, ct) is not { Page: { } page })
        {
            TempData["Message"] = refusal;
            return await Pay(id, ct);
        }

        Response.StatusCode = status;
        return PageView(page with { Message = refusal });
    }

    /// <summary>The payment page, whose form the browser may follow to the provider's page (the simulator's is at its
    /// API's address).</summary>
    private ViewResult PageView(PaymentPage page)
    {
        var api = Uri.TryCreate(options.Value.CinetPay.BaseUrl, UriKind.Absolute, out var url) ? " " + url.GetLeftPart(UriPartial.Authority) : "";
        HttpContext.Items[SecurityHeaders.FormTargets] = CinetPayPages + api;
        return View("Pay", page);
    }
}
