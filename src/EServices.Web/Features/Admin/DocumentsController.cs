using EServices.Web.Documents;
using FluentValidation;

namespace EServices.Web.Features.Admin;

/// <param name="Sms">Each SMS of <see cref="DocumentsForm.Emails"/> filled with sample values: its length and parts.</param>
public sealed record DocumentsPage(Procedure Procedure, DocumentsForm Form, IReadOnlyList<FormField> Fields, IReadOnlyList<SmsText> Sms);

/// <summary>
/// The certificate, the refusal letter, the e-mails and SMS of a procedure, written with {{placeholders}}. They apply from
/// the save on, to every version of the form: a placeholder must therefore be a field of the live version or of the draft.
/// </summary>
[Authorize(Policy = AuthorizationPolicies.Admin)]
[Route("admin/demarches/{id:int}/documents")]
public sealed class DocumentsController(
    AppDbContext db, Publishing publishing, IValidator<DocumentsForm> validator, PublicLinks links, TimeProvider clock) : Controller
{
    public const string Certificate = "attestation";
    public const string RefusalLetter = "lettre-de-refus";
    public const string Sms = "sms";

    [HttpGet("")]
    public async Task<IActionResult> Documents(int id, CancellationToken ct)
    {
        if (await FindAsync(id, ct) is not { } procedure)
        {
            return NotFound();
        }

        var saved = await db.EmailTemplates.AsNoTracking().Where(t => t.ProcedureId == id).ToListAsync(ct);
        return View(Page(procedure, DocumentsForm.From(procedure, saved)));
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

    /// <summary>The certificate or refusal letter as it would be issued, from the text on the page (saved or not) and sample
    /// answers; for <see cref="Sms"/>, the page again with the length of each SMS, nothing saved.</summary>
    [HttpPost("apercu/{document}")]
    public async Task<IActionResult> Preview(int id, [FromRoute] string document, DocumentsForm form, CancellationToken ct)
    {
        if (document is not (Certificate or RefusalLetter or Sms) || await FindAsync(id, ct) is not { } procedure)
        {
            return NotFound();
        }

        if (!await CheckAsync(procedure, form, ct))
        {
            return Invalid(procedure, form);
        }

        if (document == Sms)
        {
            return View("Documents", Page(procedure, form));
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

    /// <summary>Errors next to each input: the form's rules, placeholders that would print nothing, SMS over two parts.</summary>
    private async Task<bool> CheckAsync(Procedure procedure, DocumentsForm form, CancellationToken ct)
    {
        await this.CheckAsync(validator, form, ct);
        var keys = Fields(procedure).Select(f => f.Key).ToHashSet();
        foreach (var (input, message) in form.UnknownPlaceholders(keys).Where(e => !ModelState.ContainsKey(e.Input)))
        {
            ModelState.AddModelError(input, message);
        }

        foreach (var (sms, i) in SmsSamples(procedure, form).Select((s, i) => (s, i)).Where(s => s.s.TooLong && !ModelState.ContainsKey($"Emails[{s.i}].Sms")))
        {
            ModelState.AddModelError($"Emails[{i}].Sms",
                $"Avec des valeurs d'exemple, ce SMS ferait {sms.Length} caractères, soit {sms.Parts} SMS : {SmsText.MaxParts} au plus " +
                "(306 caractères, 134 si un caractère est hors de l'alphabet des SMS). Raccourcissez-le.");
        }

        return ModelState.IsValid;
    }

    private ViewResult Invalid(Procedure procedure, DocumentsForm form) => this.Redisplay("Documents", Page(procedure, form));

    private DocumentsPage Page(Procedure procedure, DocumentsForm form) => new(procedure, form, Fields(procedure), SmsSamples(procedure, form));

    /// <summary>The SMS as a phone would receive them, filled with sample values and the short link of a sample request.</summary>
    private IReadOnlyList<SmsText> SmsSamples(Procedure procedure, DocumentsForm form)
    {
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        var number = $"{procedure.Service.NumberPrefix}-{today.Year}-000123";
        return form.SmsSamples(DocumentsForm.SampleValues(Definition(procedure), procedure, number, today, links.ShortRequest));
    }

    /// <summary>The fields a template may name: those of the live version and of the draft (requests of both exist).</summary>
    private static List<FormField> Fields(Procedure procedure) =>
        new[] { procedure.DraftFormVersion, procedure.PublishedFormVersion }
            .Where(v => v is not null)
            .SelectMany(v => CertificateTemplate.Fields(v!.Parse()))
            .DistinctBy(f => f.Key)
            .ToList();

    private static FormDefinition? Definition(Procedure procedure) => (procedure.DraftFormVersion ?? procedure.PublishedFormVersion)?.Parse();
}
