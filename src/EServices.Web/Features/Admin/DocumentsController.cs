using EServices.Web.Documents;
using FluentValidation;

namespace EServices.Web.Features.Admin;

public sealed record DocumentsPage(Procedure Procedure, DocumentsForm Form, IReadOnlyList<FormField> Fields);

/// <summary>
/// The certificate, the refusal letter and the e-mails of a procedure, written with {{placeholders}}. They apply from
/// the save on, to every version of the form: a placeholder must therefore be a field of the live version or of the draft.
/// </summary>
[Authorize(Policy = AuthorizationPolicies.Admin)]
[Route("admin/demarches/{id:int}/documents")]
public sealed class DocumentsController(
    AppDbContext db, Publishing publishing, IValidator<DocumentsForm> validator, PublicLinks links, TimeProvider clock) : Controller
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
    public async Task<IActionResult> Save(int id, DocumentsForm form, [FromServices] SaveDocuments.Handler save, CancellationToken ct)
    {
        if (await FindAsync(id, ct) is not { } procedure)
        {
            return NotFound();
        }

        if (!await CheckAsync(procedure, form, ct))
        {
            return Invalid(procedure, form);
        }

        return this.Saved(
            await save.HandleAsync(procedure, form, ct) ? $"Documents et e-mails de « {procedure.Title} » enregistrés." : "Aucune modification à enregistrer.",
            $"/admin/demarches/{id}/documents");
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
            : (IssueCertificate.RefusalTitle, IssueCertificate.RefusalPrefix, SaveDocuments.Clean(form.RefusalLetterBody) ?? IssueCertificate.DefaultRefusalLetter);
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
        await this.CheckAsync(validator, form, ct);
        var keys = Fields(procedure).Select(f => f.Key).ToHashSet();
        foreach (var (input, message) in form.UnknownPlaceholders(keys).Where(e => !ModelState.ContainsKey(e.Input)))
        {
            ModelState.AddModelError(input, message);
        }

        return ModelState.IsValid;
    }

    private ViewResult Invalid(Procedure procedure, DocumentsForm form) => this.Redisplay("Documents", new DocumentsPage(procedure, form, Fields(procedure)));

    /// <summary>The fields a template may name: those of the live version and of the draft (requests of both exist).</summary>
    private static List<FormField> Fields(Procedure procedure) =>
        new[] { procedure.DraftFormVersion, procedure.PublishedFormVersion }
            .Where(v => v is not null)
            .SelectMany(v => CertificateTemplate.Fields(v!.Parse()))
            .DistinctBy(f => f.Key)
            .ToList();

    private static FormDefinition? Definition(Procedure procedure) => (procedure.DraftFormVersion ?? procedure.PublishedFormVersion)?.Parse();
}
