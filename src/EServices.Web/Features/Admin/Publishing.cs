using EServices.Web.Forms;
using EServices.Web.Infrastructure.Audit;
using EServices.Web.Infrastructure.Storage;

namespace EServices.Web.Features.Admin;

/// <summary>
/// The life of a procedure's form: a draft is edited, "Publier" makes it version N, editing again opens draft N+1
/// while N stays live; "Fermer" stops new filings; "Dupliquer" starts a new procedure from a copy.
/// Requests keep the version they were filed with, so a published version is never changed.
/// </summary>
public sealed class Publishing(AppDbContext db, FileStorage storage, AuditLog audit, TimeProvider clock)
{
    /// <summary>A new procedure's form starts with one step for the applicant to fill.</summary>
    public static readonly FormDefinition Blank = new() { Steps = [new FormStep { Title = "Votre demande" }] };

    /// <summary>The procedure with both its versions, tracked for changes.</summary>
    public Task<Procedure?> FindAsync(int id, CancellationToken ct) =>
        db.Procedures.Include(p => p.PublishedFormVersion).Include(p => p.DraftFormVersion).FirstOrDefaultAsync(p => p.Id == id, ct);

    /// <summary>Saves the draft's new definition (the caller has checked it); the first change to a published procedure
    /// opens the draft of version N+1, saved with that change.</summary>
    public async Task SaveDraftAsync(Procedure procedure, FormDefinition definition, string change, CancellationToken ct)
    {
        if (procedure.DraftFormVersion is not { } draft)
        {
            var number = await db.FormVersions.Where(v => v.ProcedureId == procedure.Id).MaxAsync(v => (int?)v.Number, ct) ?? 0;
            draft = FormVersion.Create(procedure.Id, number + 1, definition, publishedAt: null);
            procedure.OpenDraft(draft);
            audit.Record($"Brouillon de la version {draft.Number} ouvert", AuditTargets.Procedure, procedure.Id.ToString(), procedure.Title);
        }

        draft.Revise(definition);
        audit.Record($"Formulaire (brouillon v{draft.Number}) : {change}", AuditTargets.Procedure, procedure.Id.ToString(), procedure.Title);
        await db.SaveChangesAsync(ct);
    }

    /// <summary>What stops the draft from being published; empty when it can be.</summary>
    public static IReadOnlyList<string> Blockers(Procedure procedure, IReadOnlyList<EmailTemplate> emails)
    {
        if (procedure.DraftFormVersion is not { } draft)
        {
            return ["Il n'y a pas de brouillon à publier : modifiez d'abord le formulaire."];
        }

        var definition = draft.Parse();
        var problems = DefinitionCheck.Errors(definition).Concat(FeeSettings.Blockers(procedure, definition)).ToList();
        var keys = CertificateTemplate.Fields(definition).Select(f => f.Key).ToHashSet();
        // A field removed from the draft would print nothing where a template names it.
        var templates = new List<(string, IReadOnlyList<string>)>
        {
            ("L'attestation", TemplateWords.Unknown(procedure.CertificateBody, keys, TemplateText.Certificate)),
            ("La lettre de refus", TemplateWords.Unknown(procedure.RefusalLetterBody, keys, TemplateText.RefusalLetter)),
        };
        templates.AddRange(emails.Select(e => (
            $"L'e-mail « {e.Status.Label().ToLowerInvariant()} »",
            TemplateWords.Unknown(e.Subject + "\n" + e.Body, keys, TemplateWords.EmailOf(e.Status)))));
        templates.AddRange(emails.Select(e => (
            $"Le SMS « {e.Status.Label().ToLowerInvariant()} »", TemplateWords.Unknown(e.Sms, keys, TemplateWords.EmailOf(e.Status)))));
        foreach (var (name, unknown) in templates)
        {
            if (unknown.Count > 0)
            {
                problems.Add($"{name} utilise {string.Join(", ", unknown.Select(u => $"{{{{{u}}}}}"))}, qui n'est pas un champ du formulaire.");
            }
        }

        return problems;
    }

    /// <summary>Makes the draft the live version. Test requests filed through the draft are deleted: they were tries.</summary>
    public async Task<IReadOnlyList<string>> PublishAsync(Procedure procedure, CancellationToken ct)
    {
        var blockers = Blockers(procedure, await db.EmailTemplates.AsNoTracking().Where(t => t.ProcedureId == procedure.Id).ToListAsync(ct));
        if (blockers.Count > 0)
        {
            return blockers;
        }

        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var (tests, files) = await DeleteTestRequestsAsync(procedure.Id, ct);
        var draft = procedure.Publish(clock.GetUtcNow());
        audit.Record($"Version {draft.Number} publiée ({tests} demande(s) de test supprimée(s))", AuditTargets.Procedure, procedure.Id.ToString(), procedure.Title);
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        files.ForEach(storage.Delete); // after the commit, as in Erasure: never a row pointing to a deleted file
        return [];
    }

    /// <summary>Drops the draft (and the test requests filed with it); the live version, if any, is untouched.</summary>
    public async Task DiscardDraftAsync(Procedure procedure, CancellationToken ct)
    {
        if (procedure.DiscardDraft() is not { } draft)
        {
            return;
        }

        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var (_, files) = await DeleteTestRequestsAsync(procedure.Id, ct);
        await db.SaveChangesAsync(ct);
        db.FormVersions.Remove(draft);
        audit.Record($"Brouillon de la version {draft.Number} abandonné", AuditTargets.Procedure, procedure.Id.ToString(), procedure.Title);
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        files.ForEach(storage.Delete);
    }

    /// <summary>"Fermer": no new drafts or filings; requests already filed are processed to the end.</summary>
    public async Task CloseAsync(Procedure procedure, CancellationToken ct)
    {
        procedure.Close(clock.GetUtcNow());
        audit.Record("Démarche fermée aux nouvelles demandes", AuditTargets.Procedure, procedure.Id.ToString(), procedure.Title);
        await db.SaveChangesAsync(ct);
    }

    public async Task ReopenAsync(Procedure procedure, CancellationToken ct)
    {
        procedure.Reopen();
        audit.Record("Démarche rouverte", AuditTargets.Procedure, procedure.Id.ToString(), procedure.Title);
        await db.SaveChangesAsync(ct);
    }

    /// <summary>A new procedure with the same sheet, templates and form (as a draft, version 1), not online.</summary>
    public async Task<Procedure> DuplicateAsync(Procedure source, CancellationToken ct)
    {
        var slug = $"{source.Slug}-copie";
        for (var n = 2; await db.Procedures.AnyAsync(p => p.Slug == slug, ct); n++)
        {
            slug = $"{source.Slug}-copie-{n}";
        }

        var copy = new Procedure
        {
            Slug = slug,
            Title = $"{source.Title} (copie)",
            Summary = source.Summary,
            CategoryId = source.CategoryId,
            ServiceId = source.ServiceId,
            Audiences = source.Audiences,
            Eligibility = source.Eligibility,
            SupportingDocuments = source.SupportingDocuments,
            FeeXof = source.FeeXof,
            FeeKind = source.FeeKind,
            FeeFieldKey = source.FeeFieldKey,
            FeeByChoice = source.FeeByChoice,
            TargetDelayDays = source.TargetDelayDays,
            Silence = source.Silence,
            SilenceDelayDays = source.SilenceDelayDays,
            LegalBasis = source.LegalBasis,
            Outcome = source.Outcome,
            Description = source.Description,
            DecreeReference = source.DecreeReference,
            PaperProcedure = source.PaperProcedure,
            CertificateTitle = source.CertificateTitle,
            CertificateBody = source.CertificateBody,
            CertificatePrefix = source.CertificatePrefix,
            RefusalLetterBody = source.RefusalLetterBody,
        };
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        db.Procedures.Add(copy);
        await db.SaveChangesAsync(ct);
        copy.OpenDraft(FormVersion.Create(copy.Id, 1, (source.DraftFormVersion ?? source.PublishedFormVersion)?.Parse() ?? Blank, publishedAt: null));
        foreach (var template in await db.EmailTemplates.AsNoTracking().Where(t => t.ProcedureId == source.Id).ToListAsync(ct))
        {
            db.EmailTemplates.Add(new EmailTemplate { ProcedureId = copy.Id, Status = template.Status, Subject = template.Subject, Body = template.Body, Sms = template.Sms });
        }

        audit.Record($"Démarche dupliquée depuis « {source.Title} »", AuditTargets.Procedure, copy.Id.ToString(), copy.Title);
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return copy;
    }

    /// <summary>Deletes the test requests' rows; their stored files are for the caller to delete once committed.</summary>
    private async Task<(int Count, List<string> Files)> DeleteTestRequestsAsync(int procedureId, CancellationToken ct)
    {
        var tests = db.Requests.Where(r => r.ProcedureId == procedureId && r.IsTest);
        var files = await db.Attachments.Where(a => tests.Any(r => r.Id == a.RequestId)).Select(a => a.StorageKey).ToListAsync(ct);
        await db.IssuedDocuments.Where(d => tests.Any(r => r.Id == d.RequestId)).ExecuteDeleteAsync(ct);
        await db.RequestMessages.Where(m => tests.Any(r => r.Id == m.RequestId)).ExecuteDeleteAsync(ct);
        await db.RequestEvents.Where(e => tests.Any(r => r.Id == e.RequestId)).ExecuteDeleteAsync(ct);
        await db.Attachments.Where(a => tests.Any(r => r.Id == a.RequestId)).ExecuteDeleteAsync(ct);
        return (await tests.ExecuteDeleteAsync(ct), files);
    }
}
