using EServices.Web.Forms;
using EServices.Web.Infrastructure.Storage;
using EServices.Web.Workflow;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.Extensions.Options;

namespace EServices.Web.Features.MyRequests;

public sealed record CorrectionPage(string Number, string ProcedureTitle, string Message, DateOnly? Deadline, FieldsView Fields);

/// <summary>The applicant answers a request for correction: only the fields the agent named, then back to that agent.</summary>
public sealed class CorrectRequest(
    AppDbContext db, DraftSteps drafts, WorkingCalendar calendar, Notices notices, IOptions<StorageOptions> storage, TimeProvider clock)
{
    public Task<Request?> FindAsync(string number, string applicantId, CancellationToken ct) =>
        db.Requests
            .Include(r => r.Procedure).ThenInclude(p => p.Service)
            .Include(r => r.FormVersion)
            .Include(r => r.Attachments)
            .AsSplitQuery()
            .FirstOrDefaultAsync(r => r.Number == number && r.ApplicantId == applicantId && r.Status == RequestStatus.CorrectionRequested, ct);

    public CorrectionPage Page(Request request, FormAnswers? answers = null) => new(
        request.Number!,
        request.Procedure.Title,
        request.CorrectionMessage ?? "",
        request.CorrectionDeadline,
        new FieldsView(Fields(request), answers ?? request.ReadAnswers(), DraftSteps.Files(request), storage.Value.MaxFileBytes));

    /// <summary>True when the corrections are complete and sent; false with errors to show otherwise.</summary>
    public async Task<(bool Sent, FormAnswers Answers)> SendAsync(
        Request request, IFormCollection form, ApplicationUser applicant, ModelStateDictionary errors, CancellationToken ct)
    {
        var fields = Fields(request);
        var answers = request.ReadAnswers();
        StepInput.Apply(new FormStep { Title = "", Fields = fields }, form.ToDictionary(p => p.Key, p => p.Value), answers);
        await drafts.SaveFilesAsync(request, fields, form.Files, answers, errors, ct);
        var now = clock.GetUtcNow();
        var result = await new FormAnswersValidator(fields, DateOnly.FromDateTime(now.UtcDateTime)).ValidateAsync(answers, ct);
        foreach (var failure in result.Errors.Where(f => !errors.ContainsKey(f.PropertyName)))
        {
            errors.AddModelError(failure.PropertyName, failure.ErrorMessage);
        }

        if (!errors.IsValid)
        {
            request.KeepCorrection(answers, now);
            await drafts.CommitAsync(request, ct);
            return (false, answers);
        }

        request.ResubmitCorrection(answers, calendar, now);
        await notices.EnqueueAsync(request, applicant, now, ct);
        await drafts.CommitAsync(request, ct);
        return (true, answers);
    }

    private static List<FormField> Fields(Request request) =>
        request.FormVersion.Parse().AnswerFields.Where(f => request.CorrectionFields.Contains(f.Key)).ToList();
}
