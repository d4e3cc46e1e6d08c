using EServices.Web.Data;
using EServices.Web.Documents;
using EServices.Web.Infrastructure;
using EServices.Web.Infrastructure.Audit;
using EServices.Web.Workflow;
using FluentValidation;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace EServices.Web.Features.Admin;

public sealed record DocumentsPage(Procedure Procedure, DocumentsForm Form, IReadOnlyList<FormField> Fields);

/// <summary>
/// The certificate, the refusal letter and the e-mails of a procedure, written with {{placeholders}}. They apply from
/// the save on, to every version of the form: a placeholder must therefore be a field of the live version or of the draft.
/// </summary>
[Authorize(Policy = AuthorizationPolicies.Admin)]
[Route("admin/demarches/{id:int}/documents")]
public sealed class DocumentsController(
    AppDbContext db, Publishing publishing, AuditLog audit, IValidator<DocumentsForm> validator, PublicLinks links, TimeProvider clock) : Controller
{
    public const string Certificate = "attestation";
    public const string RefusalLetter = "lettre-de-refus";

    [HttpGet("")]
    public async Task<IActionResult> Documents(int id, CancellationToken ct)
    {
        if (await FindAsync(id, ct) is not { } procedure)
        {
            return NotFound();
        }

        var saved = await db.EmailTemplates.AsNoTracking().Where(t => t.ProcedureId == id).ToListAsync(ct);
        return View(new DocumentsPage(procedure, DocumentsForm.From(procedure, saved), Fields(procedure)));
    }

    [HttpPost("")]
    public async Task<IActionResult> Save(int id, DocumentsForm form, CancellationToken ct)
    {
        if (await FindAsync(id, ct) is not { } procedure)
        {
            return NotFound();
        }

        if (!await CheckAsync(procedure, form, ct))
        {
            return Invalid(procedure, form);
        }

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

        var saved = await db.EmailTemplates.Where(t => t.ProcedureId == id).ToListAsync(ct);
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
                existing ??= db.EmailTemplates.Add(new EmailTemplate { ProcedureId = id, Status = status, Subject = subject, Body = body }).Entity;
                (existing.Subject, existing.Body) = (subject, body);
                changed.Add($"e-mail « {status.Label().ToLowerInvariant()} »");
            }
        }

        if (changed.Count > 0)
        {
            audit.Record($"Documents et e-mails : {string.Join(", ", changed)}", AuditTargets.Procedure, id.ToString(), procedure.Title);
            await db.SaveChangesAsync(ct);
        }

        TempData["Message"] = changed.Count > 0
            ? $"Documents et e-mails de « {procedure.Title} » enregistrés."
            : "Aucune modification à enregistrer.";
        return Redirect($"/admin/demarches/{id}/documents");
    }

    /// <summary>The certificate or refusal letter as it would be issued, from the text on the page (saved or not) and sample answers.</summary>
    [HttpPost("apercu/{document}")]
    public async Task<IActionResult> Preview(int id, [FromRoute] string document, DocumentsForm form, CancellationToken ct)
    {
        if (document is not (Certificate or RefusalLetter) || await FindAsync(id, ct) is not { } procedure)
        {
            return NotFound();
        }

        if (!await CheckAsync(procedure, form, ct))
        {
            return Invalid(procedure, form);
        }

        if (document == Certificate && string.IsNullOrWhiteSpace(form.CertificateTitle))
        {
            ModelState.AddModelError(nameof(DocumentsForm.CertificateTitle), "Cette démarche ne délivre pas d'attestation : saisissez un titre et un texte pour en prévoir une.");
            return Invalid(procedure, form);
        }

        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        var (title, prefix, template) = document == Certificate
            ? (form.CertificateTitle!, form.CertificatePrefix!, form.CertificateBody!)
            : (IssueCertificate.RefusalTitle, IssueCertificate.RefusalPrefix, Clean(form.RefusalLetterBody) ?? IssueCertificate.DefaultRefusalLetter);
        var number = $"{prefix}-{today.Year}-000001";
        var values = DocumentsForm.SampleValues(Definition(procedure), procedure, number, today);
        var sample = links.To("/verifier/apercu-sans-valeur");
        var pdf = CertificatePdf.Render(new CertificateContent(
            $"{title} — APERÇU",
            number,
            CertificateTemplate.Fill(template, values),
            procedure.Service.Name,
            IssueCertificate.Place,
            today,
            procedure.Service.SignatoryName,
            procedure.Service.SignatoryTitle,
            new CheckAddress(sample, sample)));
        return File(pdf, "application/pdf");
    }

    private async Task<Procedure?> FindAsync(int id, CancellationToken ct)
    {
        var procedure = await publishing.FindAsync(id, ct);
        if (procedure is not null)
        {
            await db.Entry(procedure).Reference(p => p.Service).LoadAsync(ct);
        }

        return procedure;
    }

    /// <summary>Errors next to each input: the form's rules, then placeholders that would print nothing.</summary>
    private async Task<bool> CheckAsync(Procedure procedure, DocumentsForm form, CancellationToken ct)
    {
        ModelState.Clear();
        ModelState.AddErrors(await validator.ValidateAsync(form, ct));
        var keys = Fields(procedure).Select(f => f.Key).ToHashSet();
        foreach (var (input, message) in form.UnknownPlaceholders(keys).Where(e => !ModelState.ContainsKey(e.Input)))
        {
            ModelState.AddModelError(input, message);
        }

        return ModelState.IsValid;
    }

    private ViewResult Invalid(Procedure procedure, DocumentsForm form)
    {
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return View("Documents", new DocumentsPage(procedure, form, Fields(procedure)));
    }

    /// <summary>The fields a template may name: those of the live version and of the draft (requests of both exist).</summary>
    private static List<FormField> Fields(Procedure procedure) =>
        new[] { procedure.DraftFormVersion, procedure.PublishedFormVersion }
            .Where(v => v is not null)
            .SelectMany(v => CertificateTemplate.Fields(v!.Parse()))
            .DistinctBy(f => f.Key)
            .ToList();

    private static FormDefinition? Definition(Procedure procedure) => (procedure.DraftFormVersion ?? procedure.PublishedFormVersion)?.Parse();

    /// <summary>Trimmed, with the browser's line endings made "\n", or null when empty.</summary>
    private static string? Clean(string? text) =>
        string.IsNullOrWhiteSpace(text) ? null : text.Trim().ReplaceLineEndings("\n");
}
