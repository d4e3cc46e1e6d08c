using EServices.Web.Forms;
using FluentValidation;

namespace EServices.Web.Features.Counter;

/// <summary>« Guichet »: a clerk files for a citizen who came in person. Identify them by their CNIB, choose the procedure,
/// fill its form with them (the applicant's own steps, at /guichet/brouillons), have them confirm by a code sent to their
/// phone or by signing the printed summary, then print their receipt. The clerk reaches the drafts they started here and
/// nothing else: not the citizen's other requests, not the back-office.</summary>
[Authorize(Policy = AuthorizationPolicies.Counter)]
[Route("guichet")]
public sealed class CounterController(
    CounterDesk desk,
    OpenCounterFile.Handler open,
    IValidator<OpenCounterFile.Command> validator,
    FileAtCounter.Handler file,
    DraftSteps steps,
    DraftFlow flow) : Controller
{
    private const string Pages = "/guichet/brouillons";

    private string ClerkId => User.FindFirstValue(ClaimTypes.NameIdentifier)!;

    [HttpGet("")]
    public async Task<IActionResult> Index(CancellationToken ct) => View(await desk.HomeAsync(new OpenCounterFile.Command(), ClerkId, ct));

    [HttpPost("")]
    public async Task<IActionResult> Open(OpenCounterFile.Command form, CancellationToken ct)
    {
        if (!await this.CheckAsync(validator, form, ct))
        {
            return this.Redisplay("Index", await desk.HomeAsync(form, ClerkId, ct));
        }

        var result = await open.HandleAsync(form, ClerkId, ct);
        foreach (var (field, message) in result.Errors)
        {
            ModelState.AddModelError(field, message);
        }

        return result.DraftId is { } id ? Redirect($"{Pages}/{id}/etapes/1") : this.Redisplay("Index", await desk.HomeAsync(form, ClerkId, ct));
    }

    [HttpGet("brouillons/{id:guid}/etapes/{index:int}")]
    public async Task<IActionResult> Step(Guid id, int index, bool depuisRecapitulatif, CancellationToken ct)
    {
        var (draft, elsewhere) = await OpenDraftAsync(id, ct);
        if (draft is null)
        {
            return elsewhere!;
        }

        await SayForWhomAsync(draft, ct);
        return flow.Step(this, draft, Pages, index, depuisRecapitulatif);
    }

    [HttpPost("brouillons/{id:guid}/etapes/{index:int}")]
    [RequestFormLimits(MultipartBodyLengthLimit = 64 * 1024 * 1024)]
    [RequestSizeLimit(64 * 1024 * 1024)]
    public async Task<IActionResult> SaveStep(Guid id, int index, bool depuisRecapitulatif, CancellationToken ct)
    {
        var (draft, elsewhere) = await OpenDraftAsync(id, ct);
        if (draft is null)
        {
            return elsewhere!;
        }

        await SayForWhomAsync(draft, ct);
        return await flow.SaveStepAsync(this, draft, Pages, index, depuisRecapitulatif,
            ("/guichet", $"Le brouillon « {draft.Procedure.Title} » est enregistré : reprenez-le depuis « Vos dépôts des dernières 24 heures »."), ct);
    }

    [HttpGet("brouillons/{id:guid}/recapitulatif")]
    public async Task<IActionResult> Review(Guid id, CancellationToken ct)
    {
        var (draft, elsewhere) = await OpenDraftAsync(id, ct);
        if (draft is null)
        {
            return elsewhere!;
        }

        return draft.CompletedSteps < draft.FormVersion.Parse().Steps.Count
            ? Redirect($"{Pages}/{id}/etapes/{draft.CompletedSteps + 1}")
            : View(new CounterReview(flow.Page(draft, Pages), await desk.CitizenAsync(draft, ct)));
    }

    /// <summary>The summary to print and have signed, for a citizen whom no code can reach.</summary>
    [HttpGet("brouillons/{id:guid}/a-signer")]
    public async Task<IActionResult> SummaryToSign(Guid id, CancellationToken ct)
    {
        var (draft, elsewhere) = await OpenDraftAsync(id, ct);
        return draft is null ? elsewhere!
            : this.Download(await desk.SummaryToSignAsync(flow.Page(draft, Pages), draft, await desk.CitizenAsync(draft, ct), ct), "application/pdf", "recapitulatif-a-signer.pdf");
    }

    [HttpPost("brouillons/{id:guid}/code")]
    public async Task<IActionResult> SendCode(Guid id, CancellationToken ct)
    {
        var (draft, elsewhere) = await OpenDraftAsync(id, ct);
        if (draft is null)
        {
            return elsewhere!;
        }

        var citizen = await desk.CitizenAsync(draft, ct);
        if (citizen.Phone is null)
        {
            return Refuse(draft, citizen, "Code", FileAtCounter.NoPhone);
        }

        if (!await desk.SendCodeAsync(draft, citizen.Account, ct))
        {
            return Refuse(draft, citizen, "Code", "Trop de codes ont été envoyés à ce numéro : attendez un quart d'heure, ou faites signer le récapitulatif imprimé.");
        }

        TempData["Message"] = $"Code envoyé par SMS au {citizen.Phone}. Demandez-le au demandeur et saisissez-le ci-dessous (valable 10 minutes).";
        return Redirect($"{Pages}/{id}/recapitulatif#confirmation");
    }

    [HttpPost("brouillons/{id:guid}/deposer-par-code")]
    public async Task<IActionResult> FileByCode(Guid id, string? code, CancellationToken ct)
    {
        var (draft, elsewhere) = await OpenDraftAsync(id, ct);
        if (draft is null)
        {
            return elsewhere!;
        }

        var citizen = await desk.CitizenAsync(draft, ct);
        return Filed(draft, citizen, await file.ByCodeAsync(draft, citizen, ClerkId, code, ct));
    }

    [HttpPost("brouillons/{id:guid}/deposer-par-signature")]
    [RequestFormLimits(MultipartBodyLengthLimit = 64 * 1024 * 1024)]
    [RequestSizeLimit(64 * 1024 * 1024)]
    public async Task<IActionResult> FileBySignature(Guid id, CancellationToken ct)
    {
        var (draft, elsewhere) = await OpenDraftAsync(id, ct);
        if (draft is null)
        {
            return elsewhere!;
        }

        var scan = (await Request.ReadFormAsync(ct)).Files.GetFile("recapitulatif");
        var citizen = await desk.CitizenAsync(draft, ct);
        return Filed(draft, citizen, await file.BySignedSummaryAsync(draft, citizen, ClerkId, scan, ct));
    }

    [HttpGet("brouillons/{id:guid}/depose")]
    public async Task<IActionResult> Done(Guid id, CancellationToken ct) =>
        await desk.FiledAsync(id, ClerkId, ct) is { } filed ? View(filed)
        : await steps.FindAtCounterAsync(id, ClerkId, ct) is not null ? Redirect($"{Pages}/{id}/recapitulatif") : NotFound();

    [HttpGet("brouillons/{id:guid}/recepisse")]
    public async Task<IActionResult> Receipt(Guid id, CancellationToken ct) =>
        await desk.ReceiptAsync(id, ClerkId, ct) is { } receipt
            ? this.Download(receipt.Pdf, "application/pdf", $"recepisse-{receipt.Number}.pdf")
            : NotFound();

    /// <summary>Filed or waiting for its payment: the page to print. Refused: the objection beside its field, or above
    /// the review when it is the filing's own (incomplete, procedure closed meanwhile).</summary>
    private IActionResult Filed(Request draft, CounterCitizen citizen, FileAtCounter.Result result)
    {
        if (result.Number is not null || result.AwaitingPayment)
        {
            TempData["Message"] = result.Number is { } number
                ? $"La demande de {citizen.Name} est déposée. Numéro de suivi : {number}."
                : $"La demande de {citizen.Name} attend le paiement de ses frais.";
            return Redirect($"{Pages}/{draft.Id}/depose");
        }

        if (result.Field is null)
        {
            TempData["Error"] = result.Objection;
            return Redirect($"{Pages}/{draft.Id}/recapitulatif");
        }

        return Refuse(draft, citizen, result.Field, result.Objection!);
    }

    private ViewResult Refuse(Request draft, CounterCitizen citizen, string field, string message)
    {
        ModelState.AddModelError(field, message);
        return this.Redisplay("Review", new CounterReview(flow.Page(draft, Pages), citizen));
    }

    /// <summary>Each step says whose request it is: a clerk serves one citizen after another.</summary>
    private async Task SayForWhomAsync(Request draft, CancellationToken ct)
    {
        var citizen = await desk.CitizenAsync(draft, ct);
        ViewData["CounterFor"] = $"{citizen.Name} (CNIB {citizen.Cnib})";
    }

    /// <summary>A draft this clerk started here; anyone else's is not found, one that left the form leads to its page to print.</summary>
    private async Task<(Request? Draft, IActionResult? Elsewhere)> OpenDraftAsync(Guid id, CancellationToken ct)
    {
        var draft = await steps.FindAtCounterAsync(id, ClerkId, ct);
        return draft switch
        {
            null => (null, NotFound()),
            { Status: not RequestStatus.Draft } or { IsAwaitingPayment: true } => (null, Redirect($"{Pages}/{id}/depose")),
            _ => (draft, null),
        };
    }
}
