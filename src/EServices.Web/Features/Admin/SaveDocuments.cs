using EServices.Web.Documents;
using EServices.Web.Infrastructure.Audit;
using EServices.Web.Workflow;

namespace EServices.Web.Features.Admin;

/// <summary>Saves a procedure's certificate, refusal letter, e-mails and SMS (the posted <see cref="DocumentsForm"/> has been
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
                var label = status.Label().ToLowerInvariant();
                var standard = NoticeTexts.Email(status, procedure);
                var (subject, body) = (Clean(email.Subject)!, Clean(email.Body)!);
                // A default e-mail kept beside a custom SMS is stored empty (Notices.WordingAsync), so that it too follows the portal.
                if ((subject, body) == (Clean(standard.Subject), Clean(standard.Body)))
                {
                    (subject, body) = ("", "");
                }

                var sms = Clean(email.Sms) is { } text && text != Clean(NoticeTexts.Sms(status, procedure)) ? text : null;
                if ((subject, body) != (existing?.Subject ?? "", existing?.Body ?? ""))
                {
                    changed.Add(subject.Length == 0 ? $"e-mail « {label} » par défaut" : $"e-mail « {label} »");
                }

                if (sms != existing?.Sms)
                {
                    changed.Add(sms is null ? $"SMS « {label} » par défaut" : $"SMS « {label} »");
                }

                if (subject.Length == 0 && sms is null)
                {
                    if (existing is not null)
                    {
                        db.EmailTemplates.Remove(existing);
                    }
                }
                else
                {
                    existing ??= db.EmailTemplates.Add(new EmailTemplate { ProcedureId = procedure.Id, Status = status, Subject = subject, Body = body }).Entity;
                    (existing.Subject, existing.Body, existing.Sms) = (subject, body, sms);
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
