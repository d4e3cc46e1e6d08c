using EServices.Web.Forms;
using EServices.Web.Documents;
using EServices.Web.Workflow;

namespace EServices.Web.Features.Filing;

/// <summary>
/// Files a draft: tracking number, due date, receipt and confirmation notices (e-mail, SMS), all in one transaction.
/// The draft row is locked first, so a double click or a retry finds it already filed and gets the same number.
/// </summary>
public sealed class SubmitDraft(AppDbContext db, WorkingCalendar calendar, Notices notices, IssueCertificate documents, TimeProvider clock, ILogger<SubmitDraft> logger)
{
    public const string Closed = "Cette démarche n'accepte plus de nouvelles demandes en ligne.";

    /// <summary>The tracking number of the filed request, or why the draft was not filed.</summary>
    public sealed record Result(string? Number, string? Refusal);

    /// <remarks>If the connection breaks (PostgreSQL restarting), the whole unit is replayed on a new one: it reads everything
    /// again under the lock, and a draft already filed by a commit whose answer was lost returns its number.</remarks>
    public Task<Result> RunAsync(Guid draftId, ApplicationUser applicant, CancellationToken ct) =>
        db.Database.CreateExecutionStrategy().ExecuteAsync(token => FileAsync(draftId, applicant, token), ct);

    private async Task<Result> FileAsync(Guid draftId, ApplicationUser applicant, CancellationToken ct)
    {
        db.ChangeTracker.Clear(); // what the caller loaded may be stale: read again under the lock
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        await db.Database.ExecuteSqlAsync($"SELECT 1 FROM requests WHERE id = {draftId} FOR UPDATE", ct);
        var request = await db.Requests
            .Include(r => r.Procedure).ThenInclude(p => p.Service)
            .Include(r => r.FormVersion)
            .Include(r => r.Attachments)
            .AsSplitQuery()
            .SingleAsync(r => r.Id == draftId && r.ApplicantId == applicant.Id, ct);
        if (request.Status != RequestStatus.Draft)
        {
            return new Result(request.Number, null);
        }

        // Checked here, under the lock, whoever files: a procedure closed after the draft was started takes no more requests
        // (test drafts file through a procedure still being built).
        if (request.Procedure.ClosedAt is not null && !request.IsTest)
        {
            return new Result(null, Closed);
        }

        var now = clock.GetUtcNow();
        var today = DateOnly.FromDateTime(now.UtcDateTime);
        if (!Review.Build(request, today).IsComplete)
        {
            return new Result(null, "Votre demande est incomplète : corrigez les points signalés avant de la déposer.");
        }

        // Everything is read before the number is taken: the counter row stays locked from the number to the commit
        // (ADR 0007), and every filing of the series waits for it, so only the writes happen in that window.
        // The rules are kept only while their group belongs to the procedure's service (a procedure can change service).
        var routing = await db.Procedures.AsNoTracking().Where(p => p.Id == request.ProcedureId)
            .Select(p => new
            {
                Rules = db.RoutingRules.Where(r => r.ProcedureId == p.Id && db.ServiceGroups.Any(g => g.Id == r.GroupId && g.ServiceId == p.ServiceId)).ToList(),
                DefaultGroupId = db.ServiceGroups.Where(g => g.ServiceId == p.ServiceId && g.IsDefault).Select(g => (int?)g.Id).FirstOrDefault(),
            })
            .SingleAsync(ct);
        var answers = request.ReadAnswers();
        var groupId = RequestRouting.GroupFor(request.Procedure.RoutingFieldKey, routing.Rules, routing.DefaultGroupId, answers);
        var definition = request.FormVersion.Parse();
        var attached = request.Attachments
            .Where(a => answers.Get(a.FieldKey) == a.Id.ToString())
            .Select(a => (definition.Find(a.FieldKey)?.Label ?? a.FieldKey, a.FileName, a.Size))
            .ToList();
        var wording = await notices.WordingAsync(request.Procedure, RequestStatus.Submitted, ct);
        var dueOn = calendar.AddWorkingDays(today, request.Procedure.TargetDelayDays);

        var service = request.Procedure.Service;
        // Test filings have their own series so that real numbers keep no gaps when tests are deleted.
        var number = await Numbering.NextAsync(db, request.IsTest ? Numbering.TestPrefix : service.NumberPrefix, today.Year, ct);
        request.Submit(number, applicant.FullName, dueOn, groupId, now);

        documents.Add(request.Id, new SignedFacts(DocumentKind.Receipt, number, applicant.FullName, today), request.Procedure.Title, now,
            check => ReceiptPdf.Render(new ReceiptContent(
                number,
                request.Procedure.Title,
                service.Name,
                applicant.FullName,
                now,
                attached,
                request.Procedure.TargetDelayDays == 0 ? null : dueOn,
                check)));
        notices.Enqueue(request, applicant, now, wording);

        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        logger.LogInformation("Request {Number} filed", number);
        return new Result(number, null);
    }
}
