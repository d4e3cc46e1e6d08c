using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using EServices.Web.Data;
using EServices.Web.Forms;
using EServices.Web.Workflow;

namespace EServices.Web.Documents;

/// <summary>
/// Issues the certificate of an accepted request in the caller's transaction: numbered per kind and year,
/// the procedure's template filled with the answers, signed QR code, PDF bytes and their SHA-256 stored.
/// </summary>
public sealed class IssueCertificate(AppDbContext db, DocumentSigner signer)
{
    public const string Place = "Ouagadougou";

    public async Task<IssuedDocument?> RunAsync(Request request, DateTimeOffset now, string baseUrl, CancellationToken ct)
    {
        var procedure = request.Procedure;
        if (string.IsNullOrWhiteSpace(procedure.CertificateTitle))
        {
            return null; // this procedure answers with a letter, not a certificate
        }

        var today = DateOnly.FromDateTime(now.UtcDateTime);
        var number = await Numbering.NextAsync(db, procedure.CertificatePrefix ?? "DOC", today.Year, ct);
        var holder = request.ApplicantName ?? "";
        var body = CertificateTemplate.Fill(procedure.CertificateBody ?? "", Values(request, number, today));
        var code = NewCode();
        var facts = new SignedFacts(DocumentKind.Certificate, number, holder, today, ContentHash(request));
        var pdf = CertificatePdf.Render(new CertificateContent(
            procedure.CertificateTitle,
            number,
            body,
            procedure.Service.Name,
            Place,
            today,
            procedure.Service.SignatoryName,
            procedure.Service.SignatoryTitle,
            VerificationUrl(baseUrl, code, facts)));
        var document = new IssuedDocument
        {
            Id = Guid.NewGuid(),
            RequestId = request.Id,
            Kind = DocumentKind.Certificate,
            Number = number,
            Code = code,
            HolderName = holder,
            ProcedureTitle = procedure.CertificateTitle,
            IssuedAt = now,
            Pdf = pdf,
            Sha256 = Convert.ToHexStringLower(SHA256.HashData(pdf)),
        };
        db.IssuedDocuments.Add(document);
        return document;
    }

    public string VerificationUrl(string baseUrl, string code, SignedFacts facts) => $"{baseUrl}/verifier/{code}?s={signer.Sign(facts)}";

    public static string NewCode() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));

    /// <summary>The first 16 hex digits of the SHA-256 of the request's number and answers: ties a QR code to what was filed.</summary>
    public static string ContentHash(Request request) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(request.Number + "\n" + request.Answers)))[..16];

    private static Dictionary<string, string> Values(Request request, string number, DateOnly today)
    {
        var answers = request.ReadAnswers();
        var values = request.FormVersion.Parse().AnswerFields
            .Where(f => f.Type is not (FieldType.File or FieldType.Repeat or FieldType.MultiChoice))
            .ToDictionary(f => f.Key, f => AnswerDisplay.Simple(f, answers.Get(f.Key)));
        values["nom"] = request.ApplicantName ?? "";
        values["numero"] = number;
        values["date"] = today.ToString("d MMMM yyyy", CultureInfo.GetCultureInfo("fr-FR"));
        values["demarche"] = request.Procedure.Title;
        values["service"] = request.Procedure.Service.Name;
        values["numero_demande"] = request.Number ?? "";
        return values;
    }
}
