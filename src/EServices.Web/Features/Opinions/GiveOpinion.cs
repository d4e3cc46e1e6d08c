using EServices.Web.Forms;
using EServices.Web.Infrastructure.Audit;
using EServices.Web.Workflow;

namespace EServices.Web.Features.Opinions;

/// <summary>What the expert's link shows: the question, the request's answers and files, read-only, and the answer form.</summary>
public sealed record ExpertPage(
    Guid Id, string Key, string Number, string ProcedureTitle, string ServiceName, string AskedBy, string Question, DateOnly DueOn,
    ReviewPage Answers, IReadOnlyList<(Guid Id, string Label, string FileName, long Size)> Documents);

/// <summary>
/// The expert's side of an opinion (« avis »): the link opens the one request it was asked on while the opinion is open
/// (not answered, deadline not passed) and its key matches; anything else — another request's file, a used or expired
/// link, a wrong key — is the same « lien inconnu ou expiré ». The answer is a text and an optional file, checked like
/// an applicant's; it closes the link.
/// </summary>
public sealed class GiveOpinion(AppDbContext db, UploadGate uploads, AuditLog audit, TimeProvider clock)
{
    public const int AnswerMaxLength = 4000;

    private DateOnly Today => DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);

    /// <summary>The opinion if <paramref name="key"/> opens it now, else null.</summary>
    public async Task<Opinion?> OpenAsync(Guid id, string? key, CancellationToken ct)
    {
        var opinion = await db.Opinions.FirstOrDefaultAsync(o => o.Id == id, ct);
        return opinion is not null && opinion.IsOpen(Today) && OpinionLinks.Opens(opinion, key) ? opinion : null;
    }

    public async Task<ExpertPage> PageAsync(Opinion opinion, string key, CancellationToken ct)
    {
        var request = await db.Requests.AsNoTracking().Include(r => r.Procedure).ThenInclude(p => p.Service).Include(r => r.FormVersion).Include(r => r.Attachments)
            .SingleAsync(r => r.Id == opinion.RequestId, ct);
        var asker = await db.Users.AsNoTracking().Where(u => u.Id == opinion.AskedById).Select(u => u.FirstNames + " " + u.LastName.ToUpper()).SingleAsync(ct);
        return new ExpertPage(
            opinion.Id, key, request.Number!, request.Procedure.Title, request.Procedure.Service.Name, asker, opinion.Question, opinion.DueOn,
            Review.Build(request, Today),
            DraftSteps.LabelledFiles(request));
    }

    /// <summary>An attachment of the opinion's own request (the one answering a field of its form), else null.</summary>
    public async Task<Attachment?> AttachmentAsync(Opinion opinion, Guid attachmentId, CancellationToken ct)
    {
        var request = await db.Requests.AsNoTracking().Include(r => r.Attachments).SingleAsync(r => r.Id == opinion.RequestId, ct);
        return DraftSteps.Files(request).Values.Any(f => f.Id == attachmentId) ? request.Attachments.Single(a => a.Id == attachmentId) : null;
    }

    /// <summary>Records the answer; the errors, by field, when it cannot be (nothing is then saved).</summary>
    public async Task<IReadOnlyList<(string Field, string Message)>> AnswerAsync(Opinion opinion, string? text, IFormFile? file, CancellationToken ct)
    {
        var errors = new List<(string, string)>();
        if (string.IsNullOrWhiteSpace(text))
        {
            errors.Add(("avis-texte", "Écrivez votre avis."));
        }
        else if (text.Length > AnswerMaxLength)
        {
            errors.Add(("avis-texte", "L'avis doit contenir au plus 4 000 caractères."));
        }

        StoredUpload? stored = null;
        if (file is not null && (file.Length > 0 || !string.IsNullOrEmpty(file.FileName)))
        {
            (stored, var error) = await uploads.StoreAsync(file, "« Fichier joint »", ct);
            if (error is not null)
            {
                errors.Add(("avis-fichier", error));
            }
        }

        if (errors.Count > 0)
        {
            return errors;
        }

        var number = await db.Requests.Where(r => r.Id == opinion.RequestId).Select(r => new { r.Number, r.Procedure.Title }).SingleAsync(ct);
        opinion.Give(text!, stored is null ? null : (stored.FileName, stored.ContentType, stored.Size, stored.StorageKey, stored.Sha256), Today, clock.GetUtcNow());
        audit.Record(null, $"Avis donné par {opinion.ExpertName}" + (stored is null ? "" : $", avec le fichier « {stored.FileName} »"), AuditTargets.Request, number.Number!, number.Title);
        await db.SaveChangesAsync(ct);
        return [];
    }
}
