using EServices.Web.Infrastructure.Storage;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.Extensions.Options;

namespace EServices.Web.Forms;

public enum StepOutcome
{
    /// <summary>The step is valid and saved: go on.</summary>
    Continue,

    /// <summary>Saved, but with errors to show on the same step.</summary>
    Invalid,

    /// <summary>Saved after adding or removing a row: show the same step again.</summary>
    Again,

    /// <summary>Saved as it is: the applicant leaves and resumes later.</summary>
    Leave,
}

/// <summary>Loads a draft and saves one step of it: the answers, the files, the rows of repeatable blocks.</summary>
public sealed class DraftSteps(AppDbContext db, FileStorage storage, IOptions<StorageOptions> storageOptions, UploadGate uploads, TimeProvider clock)
{
    public Task<Request?> FindAsync(Guid id, string applicantId, CancellationToken ct) =>
        Whole(db.Requests).FirstOrDefaultAsync(r => r.Id == id && r.ApplicantId == applicantId, ct);

    /// <summary>A request a clerk started at a counter for a citizen: only that clerk's, never the citizen's others.</summary>
    public Task<Request?> FindAtCounterAsync(Guid id, string clerkId, CancellationToken ct) =>
        Whole(db.Requests).FirstOrDefaultAsync(r => r.Id == id && db.CounterFilings.Any(f => f.RequestId == r.Id && f.ClerkId == clerkId), ct);

    /// <summary>The draft for a page that only shows it: not tracked, so EF keeps no snapshot of its original values
    /// (a generated delegate per entity read, measured in docs/benchmarks.md).</summary>
    public Task<Request?> FindToShowAsync(Guid id, string applicantId, CancellationToken ct) =>
        Whole(db.Requests.AsNoTracking()).FirstOrDefaultAsync(r => r.Id == id && r.ApplicantId == applicantId, ct);

    private static IQueryable<Request> Whole(IQueryable<Request> requests) =>
        requests.Include(r => r.Procedure).Include(r => r.FormVersion).Include(r => r.Attachments).AsSplitQuery();

    public StepPage Page(Request draft, int index, bool fromReview, FormAnswers? answers = null)
    {
        var definition = draft.FormVersion.Parse();
        return new StepPage(
            draft.Id,
            draft.Procedure.Title,
            index,
            definition.Steps.Select(s => s.Title).ToList(),
            definition.Steps[index - 1],
            answers ?? draft.ReadAnswers(),
            Files(draft),
            fromReview,
            storageOptions.Value.MaxFileBytes);
    }

    public static IReadOnlyDictionary<string, AttachedFile> Files(Request draft)
    {
        var answers = draft.ReadAnswers();
        return draft.Attachments
            .Where(a => answers.Get(a.FieldKey) == a.Id.ToString())
            .ToDictionary(a => a.FieldKey, a => new AttachedFile(a.Id, a.FileName, a.Size));
    }

    /// <summary>The files that answer the request's form, each with its field's label, in the form's order: what the
    /// applicant and an expert are shown.</summary>
    public static List<(Guid Id, string Label, string FileName, long Size)> LabelledFiles(Request request)
    {
        var files = Files(request);
        return request.FormVersion.Parse().AnswerFields
            .Where(f => files.ContainsKey(f.Key))
            .Select(f => (files[f.Key].Id, f.Label, files[f.Key].FileName, files[f.Key].Size))
            .ToList();
    }

    public Task<(StepOutcome Outcome, FormAnswers Answers)> SaveAsync(
        Request draft, int index, IFormCollection form, ModelStateDictionary errors, CancellationToken ct) =>
        SaveAsync(draft, index, draft.FormVersion.Parse().Steps[index - 1], form, errors, whenValid: null, ct);

    /// <summary>Saves a step as another page draws it: its own copy of the step (fields left out, or made required), and
    /// its own checks once the step is valid (<paramref name="whenValid"/> adds errors, or changes tracked rows that must
    /// be saved with the answers), all in one commit.</summary>
    public async Task<(StepOutcome Outcome, FormAnswers Answers)> SaveAsync(
        Request draft, int index, FormStep step, IFormCollection form, ModelStateDictionary errors, Action<FormAnswers>? whenValid, CancellationToken ct)
    {
        var answers = draft.ReadAnswers();
        await SaveFilesAsync(draft, step.Fields, form.Files, answers, errors, ct);
        var outcome = await ReadStepAsync(step, form, answers, errors, DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime), ct);
        if (outcome == StepOutcome.Continue && whenValid is not null)
        {
            whenValid(answers);
            outcome = errors.IsValid ? outcome : StepOutcome.Invalid;
        }

        draft.SaveAnswers(answers, outcome == StepOutcome.Continue ? index : 0, clock.GetUtcNow());
        await CommitAsync(draft, ct);
        return (outcome, answers);
    }

    /// <summary>Saves the request and keeps only the files its answers point to: a file replaced by another, or whose
    /// field a condition now hides, is removed with the commit, and its bytes deleted once the commit succeeded (a
    /// failed delete leaves at worst a file no row points to, which the retention pass removes, never a row without its
    /// file). If the commit fails, the files written for it are deleted: they would be pointed to by nothing.</summary>
    /// <remarks>The request's row version (xmin) makes two concurrent posts of the same request fail one of them, so
    /// the answers read here are the committed ones and every stored attachment stays pointed to by one answer.</remarks>
    public async Task CommitAsync(Request request, CancellationToken ct)
    {
        var answers = request.ReadAnswers();
        var replaced = request.Attachments.Where(a => answers.Get(a.FieldKey) != a.Id.ToString()).ToList();
        var written = db.ChangeTracker.Entries<Attachment>().Where(e => e.State == EntityState.Added).Select(e => e.Entity.StorageKey).ToList();
        foreach (var attachment in replaced)
        {
            request.Attachments.Remove(attachment);
            db.Attachments.Remove(attachment);
        }

        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch
        {
            written.ForEach(storage.TryDelete);
            throw;
        }

        replaced.ForEach(a => storage.TryDelete(a.StorageKey));
    }

    /// <summary>Reads a posted step into the answers (files are the caller's): a row added or removed, "save and finish
    /// later", or else the step checked, each error put next to its field. Also what the administrators' preview runs.</summary>
    public static async Task<StepOutcome> ReadStepAsync(FormStep step, IFormCollection form, FormAnswers answers, ModelStateDictionary errors, DateOnly today, CancellationToken ct)
    {
        StepInput.Apply(step, form.ToDictionary(p => p.Key, p => p.Value), answers);
        var action = form["_action"].ToString();
        if (action.StartsWith("ajouter:", StringComparison.Ordinal) && Block(step, action[8..]) is { } added)
        {
            StepInput.AddRow(added, answers);
            return StepOutcome.Again;
        }

        if (action.StartsWith("retirer:", StringComparison.Ordinal) && action.Split(':') is [_, var key, var row]
            && Block(step, key) is { } removed && int.TryParse(row, out var rowIndex))
        {
            StepInput.RemoveRow(removed, rowIndex, answers);
            return StepOutcome.Again;
        }

        if (action == "enregistrer")
        {
            return StepOutcome.Leave;
        }

        StepInput.ClearHidden(step, answers);
        var result = await new FormAnswersValidator(step.Fields, today).ValidateAsync(answers, ct);
        foreach (var failure in result.Errors.Where(f => !errors.ContainsKey(f.PropertyName)))
        {
            errors.AddModelError(failure.PropertyName, failure.ErrorMessage);
        }

        return errors.IsValid ? StepOutcome.Continue : StepOutcome.Invalid;
    }

    private static FormField? Block(FormStep step, string key) =>
        step.Fields.FirstOrDefault(f => f.Key == key && f.Type == FieldType.Repeat);

    /// <summary>Stores the files posted for these fields after checking their size and type; each accepted file
    /// becomes the field's answer, each refused one an error next to its field.</summary>
    public async Task SaveFilesAsync(Request request, IEnumerable<FormField> fields, IFormFileCollection files, FormAnswers answers, ModelStateDictionary errors, CancellationToken ct)
    {
        foreach (var field in fields.Where(f => f.Kind.Shape == AnswerShape.File))
        {
            var file = files.GetFile(field.Key);
            if (file is null || (file.Length == 0 && string.IsNullOrEmpty(file.FileName)))
            {
                continue;
            }

            var (stored, error) = await uploads.StoreAsync(file, $"« {field.Label} »", ct);
            if (stored is null)
            {
                errors.AddModelError(field.Key, error!);
                continue;
            }

            Attach(request, field.Key, stored, answers);
        }
    }

    /// <summary>Keeps a file that passed the gate as the answer to <paramref name="fieldKey"/>: an answer points to every
    /// attachment kept (<see cref="CommitAsync"/>).</summary>
    public void Attach(Request request, string fieldKey, StoredUpload stored, FormAnswers answers)
    {
        var attachment = new Attachment
        {
            Id = Guid.NewGuid(),
            FieldKey = fieldKey,
            FileName = stored.FileName,
            ContentType = stored.ContentType,
            Size = stored.Size,
            StorageKey = stored.StorageKey,
            Sha256 = stored.Sha256,
            UploadedAt = clock.GetUtcNow(),
        };
        request.Attach(attachment);
        db.Attachments.Add(attachment);
        answers.Set(fieldKey, attachment.Id.ToString());
    }
}
