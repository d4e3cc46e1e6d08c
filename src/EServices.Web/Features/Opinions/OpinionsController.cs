using EServices.Web.Infrastructure.Storage;

namespace EServices.Web.Features.Opinions;

/// <summary>The expert's link (<c>/avis/{id}?cle=…</c>): public, since an outside expert has no account; the key is the
/// access. Nothing here is cached or indexed.</summary>
[AllowAnonymous]
[Route("avis")]
public sealed class OpinionsController(GiveOpinion opinions) : Controller
{
    [HttpGet("{id:guid}")]
    public async Task<IActionResult> Show(Guid id, CancellationToken ct)
    {
        Private();
        return await opinions.OpenAsync(id, Key, ct) is { } opinion ? View("Expert", await opinions.PageAsync(opinion, Key!, ct)) : Closed();
    }

    [HttpPost("{id:guid}")]
    [RequestFormLimits(MultipartBodyLengthLimit = 6 * 1024 * 1024)]
    public async Task<IActionResult> Answer(Guid id, string? avis, IFormFile? fichier, CancellationToken ct)
    {
        Private();
        if (await opinions.OpenAsync(id, Key, ct) is not { } opinion)
        {
            return Closed();
        }

        var errors = await opinions.AnswerAsync(opinion, avis, fichier, ct);
        if (errors.Count == 0)
        {
            return Redirect("/avis/merci");
        }

        foreach (var (field, message) in errors)
        {
            ModelState.AddModelError(field, message);
        }

        Response.StatusCode = StatusCodes.Status400BadRequest;
        return View("Expert", await opinions.PageAsync(opinion, Key!, ct));
    }

    [HttpGet("{id:guid}/pieces/{attachment:guid}")]
    public async Task<IActionResult> Attachment(Guid id, Guid attachment, [FromServices] FileStorage storage, CancellationToken ct)
    {
        Private();
        return await opinions.OpenAsync(id, Key, ct) is { } opinion && await opinions.AttachmentAsync(opinion, attachment, ct) is { } file
            ? this.Download(storage.Open(file.StorageKey), file.ContentType, file.FileName)
            : Closed();
    }

    /// <summary>The link's key: exactly one <c>cle</c> in the query (a repeated one opens nothing).</summary>
    private string? Key => Request.Query["cle"] is { Count: 1 } key ? key[0] : null;

    [HttpGet("merci")]
    public IActionResult Thanks() => View("Thanks");

    private ViewResult Closed()
    {
        Response.StatusCode = StatusCodes.Status404NotFound;
        return View("Closed");
    }

    /// <summary>The pages hold personal data reached without a sign-in: no copy in any cache, no search engine.</summary>
    private void Private()
    {
        Response.Headers.CacheControl = "no-store";
        Response.Headers["X-Robots-Tag"] = "noindex";
    }
}
