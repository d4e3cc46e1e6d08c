using System.Security.Cryptography;
using EServices.Web.Workflow;

namespace EServices.Web.Documents;

/// <summary>
/// Issues the document of a decision in the caller's transaction: the certificate of an accepted request, or the
/// refusal letter of a rejected one. Numbered per kind and year, the procedure's template filled with the answers,
/// signed QR code, PDF bytes and their SHA-256 stored.
/// </summary>
public sealed class IssueCertificate(AppDbContext db, DocumentSigner signer, PublicLinks links)
{
    public const string Place = "Ouagadougou";
    public const string RefusalTitle = "Notification de rejet";
    public const string RefusalPrefix = "REJ";

    /// <summary>The refusal letter of a procedure whose administrators wrote none.</summary>
    public const string DefaultRefusalLetter =
        "Nous avons le regret de vous informer que votre demande n° {{numero_demande}} relative à la démarche « {{demarche}} », " +
        "déposée au nom de {{nom}}, a été rejetée pour le motif suivant :\n\n{{motif}}\n\n" +
        "Vous pouvez déposer une nouvelle demande une fois ce motif levé, ou former un recours gracieux auprès du service {{service}} " +
        "dans un délai de deux mois à compter de la présente notification.";

    public const string ImplicitAcceptanceTitle = "Attestation de décision implicite d'acceptation";
    public const string ImplicitAcceptancePrefix = "DIA";

    /// <summary>What an implicit acceptance issues when its procedure has no certificate of its own.</summary>
    public const string ImplicitAcceptanceBody =
        "Il est attesté que la demande n° {{numero_demande}} relative à la démarche « {{demarche}} », déposée au nom de {{nom}}, " +
        "a fait l'objet d'une décision implicite d'acceptation : le service {{service}} n'ayant pas statué dans le délai prévu, " +
        "le silence gardé par l'administration vaut accord pour cette démarche.";

    public async Task<IssuedDocument?> RunAsync(Request request, DateTimeOffset now, CancellationToken ct)
    {
        if (!RequestStates.Decided.Contains(request.Status))
        {
            return null;
        }

        var procedure = request.Procedure;
        var (kind, title, template, prefix) = request.Status == RequestStatus.Rejected
            ? (DocumentKind.RefusalLetter, RefusalTitle, procedure.RefusalLetterBody ?? DefaultRefusalLetter, RefusalPrefix)
            : (DocumentKind.Certificate, procedure.CertificateTitle, procedure.CertificateBody, procedure.CertificatePrefix ?? "DOC");
        var implicitAcceptance = request.DecidedBySilence && request.Status == RequestStatus.Accepted;
        if (implicitAcceptance && (string.IsNullOrWhiteSpace(title) || string.IsNullOrWhiteSpace(template)))
        {
            // Silence gave a right the procedure has no certificate for: the applicant still needs a paper that says so.
            (title, template, prefix) = (ImplicitAcceptanceTitle, ImplicitAcceptanceBody, ImplicitAcceptancePrefix);
        }

        if (string.IsNullOrWhiteSpace(title) || string.IsNullOrWhiteSpace(template))
        {
            return null; // this procedure answers with a letter, not a certificate
        }

        var today = DateOnly.FromDateTime(now.UtcDateTime);
        var number = await Numbering.NextAsync(db, prefix, today.Year, ct);
        var holder = request.ApplicantName ?? "";
        var body = CertificateTemplate.Fill(template, Values(request, number, today));
        if (implicitAcceptance)
        {
            body += $"\n\n{request.DecisionReason}";
        }
        return Add(request.Id, new SignedFacts(kind, number, holder, today), title, now, check => CertificatePdf.Render(new CertificateContent(
            title,
            number,
            body,
            procedure.Service.Name,
            Place,
            today,
            procedure.Service.SignatoryName,
            procedure.Service.SignatoryTitle,
            check)));
    }

    /// <summary>Adds a document of the request to the caller's transaction: a new check code, its signed check address
    /// printed by <paramref name="render"/>, the PDF bytes and their SHA-256.</summary>
    public IssuedDocument Add(Guid requestId, SignedFacts facts, string title, DateTimeOffset issuedAt, Func<CheckAddress, byte[]> render)
    {
        var code = NewCode();
        var pdf = render(CheckAddress(code, facts));
        var document = new IssuedDocument
        {
            Id = Guid.NewGuid(),
            RequestId = requestId,
            Kind = facts.Kind,
            Number = facts.Number,
            Code = code,
            HolderName = facts.Holder,
            ProcedureTitle = title,
            IssuedAt = issuedAt,
            Pdf = pdf,
            Sha256 = Convert.ToHexStringLower(SHA256.HashData(pdf)),
        };
        db.IssuedDocuments.Add(document);
        return document;
    }

    /// <summary>The check addresses of a document, on the public address (never the request's host).</summary>
    private CheckAddress CheckAddress(string code, SignedFacts facts) => Documents.CheckAddress.For(signer, links.Base, code, facts);

    public static string NewCode() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));

    /// <summary>What the placeholders of certificates and letters stand for, for this request.</summary>
    public static Dictionary<string, string> Values(Request request, string number, DateOnly today) =>
        TemplateWords.Values(TemplateWords.FactsOf(request, number, today), TemplateWords.Answers(request.FormVersion.Parse(), request.ReadAnswers()));
}
