using EServices.Web.Workflow;
using EServices.Web.Infrastructure.Storage;
using Microsoft.AspNetCore.Identity;

namespace EServices.Web.Features.MyRequests;

[Route("mes-demandes")]
[Microsoft.AspNetCore.Authorization.Authorize(Policy = AuthorizationPolicies.Applicant)]
public sealed class MyRequestsController(
    MyRequestsQuery query, CorrectRequest correct, Conversation conversation, AppDbContext db, UserManager<ApplicationUser> users, FileStorage storage) : Controller
{
    private string UserId => users.GetUserId(User)!;

    [HttpGet("")]
    public async Task<IActionResult> Index(CancellationToken ct) => View(await query.ListAsync(UserId, ct));

    [HttpGet("{number}")]
    public async Task<IActionResult> Detail(string number, CancellationToken ct) =>
        await query.FindAsync(number, UserId, ct) is { } page ? View(page) : NotFound();

    [HttpPost("{number}/messages")]
    public async Task<IActionResult> Reply(string number, string? texte, CancellationToken ct)
    {
        var request = await db.Requests.FirstOrDefaultAsync(r => r.Number == number && r.ApplicantId == UserId, ct);
        if (request is null)
        {
            return NotFound();
        }

        if (RequestMessage.Problem(texte) is { } problem)
        {
            ModelState.AddModelError("texte", problem);
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return View("Detail", (await query.FindAsync(number, UserId, ct))!);
        }

        await conversation.AddAsync(request, UserId, fromStaff: false, privateNote: false, texte!, ct);
        TempData["Message"] = "Votre message est envoyé au service.";
        return Redirect($"/mes-demandes/{number}");
    }

    [HttpGet("{number}/complement")]
    public async Task<IActionResult> Correct(string number, CancellationToken ct) =>
        await correct.FindAsync(number, UserId, ct) is { } request ? View(correct.Page(request)) : NotFound();

    [HttpPost("{number}/complement")]
    [RequestFormLimits(MultipartBodyLengthLimit = 64 * 1024 * 1024)]
    [RequestSizeLimit(64 * 1024 * 1024)]
    public async Task<IActionResult> Correct(string number, IFormCollection form, CancellationToken ct)
    {
        var request = await correct.FindAsync(number, UserId, ct);
        if (request is null)
        {
            return NotFound();
        }

        ModelState.Clear();
        var applicant = await users.GetUserAsync(User);
        var (sent, answers) = await correct.SendAsync(request, form, applicant!, ModelState, ct);
        if (!sent)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return View(correct.Page(request, answers));
        }

        TempData["Message"] = "Votre complément est envoyé : la demande reprend son instruction.";
        return Redirect($"/mes-demandes/{number}");
    }

    [HttpGet("{number}/recepisse")]
    public async Task<IActionResult> Receipt(string number, CancellationToken ct) =>
        await query.DocumentAsync(number, DocumentKind.Receipt, UserId, ct) is { } receipt
            ? this.Download(receipt.Pdf, "application/pdf", $"recepisse-{receipt.Number}.pdf")
            : NotFound();

    [HttpGet("{number}/certificat")]
    public async Task<IActionResult> Certificate(string number, CancellationToken ct) =>
        (await query.DocumentAsync(number, DocumentKind.Certificate, UserId, ct) ?? await query.DocumentAsync(number, DocumentKind.RefusalLetter, UserId, ct)) is { } certificate
            ? this.Download(certificate.Pdf, "application/pdf", $"{certificate.Number}.pdf")
            : NotFound();

    [HttpGet("{number}/convocation")]
    public async Task<IActionResult> Convocation(string number, CancellationToken ct) =>
        await query.DocumentAsync(number, DocumentKind.Convocation, UserId, ct) is { } convocation
            ? this.Download(convocation.Pdf, "application/pdf", $"convocation-{convocation.Number}.pdf")
            : NotFound();

    [HttpGet("pieces/{id:guid}")]
    public async Task<IActionResult> Attachment(Guid id, CancellationToken ct) =>
        await query.AttachmentAsync(id, UserId, ct) is { } attachment
            ? this.Download(storage.Open(attachment.StorageKey), attachment.ContentType, attachment.FileName)
            : NotFound();
}
