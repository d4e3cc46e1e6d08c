using System.Data.Common;
using System.Linq.Expressions;
using EServices.Web.Documents;

namespace EServices.Web.Features.Verification;

public enum Verdict
{
    /// <summary>In the registry, not revoked, and the QR's signature (if any) is ours.</summary>
    Genuine,

    Revoked,

    /// <summary>The registry could not be reached, but the QR's signature is ours.</summary>
    GenuineOffline,

    /// <summary>The QR carries a signature that is not ours: altered or forged.</summary>
    Altered,

    NotFound,
}

public sealed record VerificationPage(Verdict Verdict, string? Kind, string? Number, DateOnly? IssuedOn, string? ProcedureTitle, string? Holder, string? RevokedReason)
{
    /// <summary>A convocation's exam centre; its <see cref="ProcedureTitle"/> is then the competition's title.</summary>
    public string? Centre { get; init; }
}

/// <summary>The public check page a document's QR code points to. No login: anyone holding the paper can check it,
/// and the signature in the QR still answers when the database does not.</summary>
[AllowAnonymous]
[Route("verifier")]
public sealed class VerificationController(AppDbContext db, DocumentSigner signer, ILogger<VerificationController> logger) : Controller
{
    [HttpGet("cle")]
    public IActionResult PublicKey() => Content(signer.PublicKeyPem, "text/plain");

    /// <summary>The address printed under the QR code (typed by hand), or the format 1 address of documents issued
    /// before format 2, which adds the signature after "?s=".</summary>
    [HttpGet("{code}")]
    public async Task<IActionResult> Check(string code, [FromQuery(Name = "s")] string? signature, CancellationToken ct)
    {
        var facts = signer.VerifyFormat1(signature);
        if (signature is not null && facts is null)
        {
            return Altered();
        }

        return await AnswerAsync(facts, code.Length > 100 ? null : d => d.Code == code, ct);
    }

    /// <summary>The signed address a QR code carries (format 2). Looked up by number: the unguessable code is not in
    /// it, and a number alone, without our signature, never reaches the registry.</summary>
    [HttpGet(VerificationLink.Route)]
    public async Task<IActionResult> CheckSigned(string kind, string number, string date, string holder, string signature, CancellationToken ct)
    {
        var facts = VerificationLink.Read(signer, kind, number, date, holder, signature);
        return facts is null ? Altered() : await AnswerAsync(facts, d => d.Kind == facts.Kind && d.Number == facts.Number, ct);
    }

    private async Task<IActionResult> AnswerAsync(CheckedFacts? facts, Expression<Func<IssuedDocument, bool>>? which, CancellationToken ct)
    {
        try
        {
            var document = which is null ? null : await db.IssuedDocuments.AsNoTracking()
                .Where(which)
                .OrderByDescending(d => d.IssuedAt)
                .Select(d => new
                {
                    d.Kind, d.Number, d.IssuedAt, d.ProcedureTitle, d.HolderName, d.RevokedAt, d.RevokedReason,
                    Centre = db.Candidacies.Where(c => c.RequestId == d.RequestId).Select(c => c.Centre!.Name).FirstOrDefault(),
                })
                .FirstOrDefaultAsync(ct);
            if (document is null || (facts is not null && facts.Number != document.Number))
            {
                return Show(new VerificationPage(Verdict.NotFound, null, null, null, null, null, null), StatusCodes.Status404NotFound);
            }

            return Show(new VerificationPage(
                document.RevokedAt is null ? Verdict.Genuine : Verdict.Revoked,
                document.Kind == DocumentKind.Certificate ? document.ProcedureTitle : KindLabel(document.Kind),
                document.Number,
                DateOnly.FromDateTime(document.IssuedAt.UtcDateTime),
                document.Kind is DocumentKind.Receipt or DocumentKind.Convocation ? document.ProcedureTitle : null,
                HolderMask.Of(document.HolderName),
                document.RevokedReason)
            {
                Centre = document.Kind == DocumentKind.Convocation ? document.Centre : null,
            }, StatusCodes.Status200OK);
        }
        catch (Exception ex) when (facts is not null && (ex is DbException or TimeoutException or InvalidOperationException || DatabaseFaults.IsUnavailable(ex)))
        {
            logger.LogWarning(ex, "Registry unreachable; answering from the QR signature");
            return Show(new VerificationPage(Verdict.GenuineOffline, KindLabel(facts.Kind), facts.Number, facts.IssuedOn, null, facts.MaskedHolder, null), StatusCodes.Status200OK);
        }
    }

    private ViewResult Altered() => Show(new VerificationPage(Verdict.Altered, null, null, null, null, null, null), StatusCodes.Status200OK);

    /// <summary>What the paper is called; a certificate's own title ("Arrêté de détachement") when the registry answers,
    /// since a certificate stores its title where a receipt stores its procedure's.</summary>
    private static string KindLabel(DocumentKind kind) => kind switch
    {
        DocumentKind.Receipt => "Récépissé de dépôt",
        DocumentKind.RefusalLetter => "Notification de rejet",
        DocumentKind.Convocation => "Convocation",
        _ => "Certificat",
    };

    private ViewResult Show(VerificationPage page, int status)
    {
        Response.StatusCode = status;
        return View("Check", page);
    }
}
