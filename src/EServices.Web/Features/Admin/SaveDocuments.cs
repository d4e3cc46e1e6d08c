using EServices.Web.Documents;
using EServices.Web.Infrastructure.Audit;
using EServices.Web.Workflow;

namespace EServices.Web.Features.Admin;

/// <summary>Saves a procedure's certificate, refusal letter and e-mails (the posted <see cref="DocumentsForm"/> has been
/// checked), with one audit entry naming what changed. A text left as the portal's default is not stored.</summary>
public static class SaveDocuments
{
    public sealed class Handler(AppDbContext db, AuditLog audit)
    {
        /// <summary>False when nothing changed (nothing is then saved).</summary>
        public async Task<bool> HandleAsync(Procedure procedure, DocumentsForm form, CancellationToken ct)
        {
            var changed = new List<string>();
            var certificateTitle = Clean(form.CertificateTitle);
            var certificateBody = certificateTitle is null ? null : Clean(form.CertificateBody);
            var certificatePrefix = certificateTitle is null ? null : Clean(form.CertificatePrefix);
            if ((certificateTitle, certificateBody, certificatePrefix) != (procedure.CertificateTitle, procedure.CertificateBody, procedure.CertificatePrefix))
            {
                (procedure.CertificateTitle, procedure.CertificateBody, procedure.CertificatePrefix) = (certificateTitle, certificateBody, certificatePrefix);
                changed.Add(certificateTitle is null ? "plus d'attestation" : $"attestation « {certificateTitle} »");
            }

            // The default text is not stored: a procedure that keeps it follows the portal's wording.
            var refusal = Clean(form.RefusalLetterBody) is { } letter && letter != Clean(IssueCertificate.DefaultRefusalLetter) ? letter : null;
            if (refusal != procedure.RefusalLetterBody)
            {
                procedure.RefusalLetterBody = refusal;
                changed.Add(refusal is null ? "lettre de refus par défaut" : "lettre de refus");
            }

            var saved = await db.EmailTemplates.Where(t => t.ProcedureId == procedure.Id).ToListAsync(ct);
            foreach (var (status, email) in form.EmailsByStatus())
            {
                var existing = saved.FirstOrDefault(t => t.Status == status);
                var (subject, body) = (Clean(email.Subject)!, Clean(email.Body)!);
                var standard = StatusEmail.Default(status, procedure);
                if ((subject, body) == (Clean(standard.Subject), Clean(standard.Body)))
                {
                    if (existing is not null)
                    {
                        db.EmailTemplates.Remove(existing);
                        changed.Add($"e-mail « {status.Label().ToLowerInvariant()} » par défaut");
                    }
                }
                else if (existing is null || (existing.Subject, existing.Body) != (subject, body))
                {
                    existing ??= db.EmailTemplates.Add(new EmailTemplate { ProcedureId = procedure.Id, Status = status, Subject = subject, Body = body }).Entity;
                    (existing.Subject, existing.Body) = (subject, body);
                    changed.Add($"e-mail « {status.Label().ToLowerInvariant()} »");
                }
            }

            if (changed.Count == 0)
            {
                return false;
            }

            audit.Record($"Documents et e-mails : {string.Join(", ", changed)}", AuditTargets.Procedure, procedure.Id.ToString(), procedure.Title);
            await db.SaveChangesAsync(ct);
            return true;
        }
    }

    /// <summary>Trimmed, with the browser's line endings made "\n", or null when empty.</summary>
    public static string? Clean(string? text) =>
        string.IsNullOrWhiteSpace(text) ? null : text.Trim().ReplaceLineEndings("\n");
}
