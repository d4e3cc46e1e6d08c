using EServices.Web.Data;
using EServices.Web.Documents;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace EServices.Web.Features.Verification;

public sealed record VerificationPage(bool Genuine, string? Kind, string? Number, DateTimeOffset? IssuedAt, string? ProcedureTitle, string? Holder);

/// <summary>The public check page a document's QR code points to. No login: anyone holding the paper can check it.</summary>
[AllowAnonymous]
public sealed class VerificationController(AppDbContext db) : Controller
{
    [HttpGet("/verifier/{code}")]
    public async Task<IActionResult> Check(string code, CancellationToken ct)
    {
        var document = code.Length > 100 ? null : await db.IssuedDocuments.AsNoTracking()
            .Where(d => d.Code == code)
            .Select(d => new { d.Kind, d.Number, d.IssuedAt, d.ProcedureTitle, d.HolderName })
            .FirstOrDefaultAsync(ct);
        if (document is null)
        {
            Response.StatusCode = StatusCodes.Status404NotFound;
            return View(new VerificationPage(false, null, null, null, null, null));
        }

        var kind = document.Kind == DocumentKind.Receipt ? "Récépissé de dépôt" : "Certificat";
        return View(new VerificationPage(true, kind, document.Number, document.IssuedAt, document.ProcedureTitle, Mask(document.HolderName)));
    }

    /// <summary>"Awa OUÉDRAOGO" → "A** O********": enough to match the paper, not enough to harvest names.</summary>
    public static string Mask(string name) =>
        string.Join(' ', name.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(w => w[..1] + new string('*', w.Length - 1)));
}
