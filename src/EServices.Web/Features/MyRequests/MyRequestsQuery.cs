using EServices.Web.Documents;
using EServices.Web.Forms;
using EServices.Web.Workflow;

namespace EServices.Web.Features.MyRequests;

public sealed record RequestLine(string Number, string ProcedureTitle, RequestStatus Status, DateTimeOffset SubmittedAt, DateOnly? DueOn);

/// <param name="AwaitingPayment">The form is done and waits for its fee: it leads to its payment page.</param>
public sealed record DraftLine(Guid Id, string ProcedureTitle, DateTimeOffset UpdatedAt, int CompletedSteps, bool AwaitingPayment, bool IsCandidacy = false)
{
    /// <summary>« Reprendre »: the step after the last one completed, or an application's own pages.</summary>
    public string ResumeUrl => IsCandidacy ? Web.Competitions.CandidacyLinks.Resume(Id) : $"/brouillons/{Id}/etapes/{CompletedSteps + 1}";
}

public sealed record MyRequestsPage(IReadOnlyList<RequestLine> Requests, IReadOnlyList<DraftLine> Drafts);

public sealed record TimelineEntry(DateTimeOffset At, string Status, string Comment);

public sealed record RequestPage(
    string Number,
    string ProcedureTitle,
    RequestStatus Status,
    DateTimeOffset SubmittedAt,
    DateOnly? DueOn,
    ReviewPage Answers,
    IReadOnlyList<(Guid Id, string Label, string FileName, long Size)> Documents,
    IReadOnlyList<TimelineEntry> Timeline,
    string? CorrectionMessage,
    DateOnly? CorrectionDeadline,
    IReadOnlyList<string> CorrectionLabels,
    string? DecisionReason,
    IssuedCertificate? Certificate,
    IReadOnlyList<MessageLine> Messages,
    PaidFee? Fee)
{
    /// <summary>« Modifier ma candidature »: an application to a competition, until its closing.</summary>
    public string? AmendUrl { get; init; }

    /// <summary>The implicit decision to come, when the procedure's silence decides.</summary>
    public SilenceCountdown? Silence { get; init; }

    /// <summary>An application's convocation to the exams, once produced.</summary>
    public IssuedCertificate? Convocation { get; init; }
    /// <summary>The code of the competition this application was admitted to, once its results are published.</summary>
    public string? AdmittedTo { get; init; }
}

public sealed record IssuedCertificate(string Title, string Number, bool Revoked);

/// <summary>An applicant's own requests; anyone else's are simply not found.</summary>
public sealed class MyRequestsQuery(AppDbContext db, Conversation conversation, WorkingCalendar calendar, TimeProvider clock)
{
    public async Task<MyRequestsPage> ListAsync(string applicantId, CancellationToken ct)
    {
        var requests = await db.Requests.AsNoTracking()
            .Where(r => r.ApplicantId == applicantId && r.Status != RequestStatus.Draft)
            .OrderByDescending(r => r.SubmittedAt)
            .Select(r => new RequestLine(r.Number!, r.Procedure.Title, r.Status, r.SubmittedAt!.Value, r.DueOn))
            .ToListAsync(ct);
        var drafts = await db.Requests.AsNoTracking()
            .Where(r => r.ApplicantId == applicantId && r.Status == RequestStatus.Draft)
            .OrderByDescending(r => r.UpdatedAt)
            .Select(r => new DraftLine(r.Id, r.Procedure.Title, r.UpdatedAt, r.CompletedSteps, r.AwaitingPaymentSince != null, db.Candidacies.Any(c => c.RequestId == r.Id)))
            .ToListAsync(ct);
        return new MyRequestsPage(requests, drafts);
    }

    public async Task<RequestPage?> FindAsync(string number, string applicantId, CancellationToken ct)
    {
        var request = await db.Requests.AsNoTracking()
            .Include(r => r.Procedure)
            .Include(r => r.FormVersion)
            .Include(r => r.Attachments)
            .Include(r => r.Events)
            .AsSplitQuery()
            .FirstOrDefaultAsync(r => r.Number == number && r.ApplicantId == applicantId, ct);
        if (request is null)
        {
            return null;
        }

        var candidacy = await CandidacyAsync(request.Id, ct);
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        return new RequestPage(
            request.Number!,
            request.Procedure.Title,
            request.Status,
            request.SubmittedAt!.Value,
            request.DueOn,
            Review.Build(request, today),
            DraftSteps.LabelledFiles(request),
            request.Events.OrderBy(e => e.At).ThenBy(e => e.Id).Select(e => new TimelineEntry(e.At, e.To.Label(), e.Comment)).ToList(),
            request.Status == RequestStatus.CorrectionRequested ? request.CorrectionMessage : null,
            request.CorrectionDeadline,
            request.FormVersion.Parse().AnswerFields.Where(f => request.CorrectionFields.Contains(f.Key)).Select(f => f.Label).ToList(),
            request.DecisionReason,
            await db.IssuedDocuments.AsNoTracking()
                .Where(d => d.RequestId == request.Id && (d.Kind == DocumentKind.Certificate || d.Kind == DocumentKind.RefusalLetter))
                .Select(d => new IssuedCertificate(d.ProcedureTitle, d.Number, d.RevokedAt != null))
                .FirstOrDefaultAsync(ct),
            await conversation.ThreadAsync(request.Id, withNotes: false, ct),
            await FeeAsync(request.PaymentId, ct))
        {
            AmendUrl = request.Status == RequestStatus.Submitted && candidacy is { Open: true } ? Web.Competitions.CandidacyLinks.Amend(request.Id) : null,
            Convocation = candidacy?.Convocation,
            AdmittedTo = candidacy?.AdmittedTo,
            Silence = SilenceCountdown.Of(request, today, calendar),
        };
    }

    private sealed record CandidacyFacts(bool Open, IssuedCertificate? Convocation, string? AdmittedTo);

    /// <summary>What an application to a competition adds to its page, in one query: whether it may still be changed, its
    /// convocation, the competition it was admitted to once published. Null for any other request.</summary>
    private Task<CandidacyFacts?> CandidacyAsync(Guid requestId, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        return db.Candidacies.AsNoTracking()
            .Where(c => c.RequestId == requestId)
            .Select(c => new CandidacyFacts(
                c.Competition.ClosesAt > now,
                db.IssuedDocuments.Where(d => d.RequestId == requestId && d.Kind == DocumentKind.Convocation)
                    .OrderByDescending(d => d.IssuedAt)
                    .Select(d => new IssuedCertificate(d.ProcedureTitle, d.Number, d.RevokedAt != null))
                    .FirstOrDefault(),
                c.Admitted && c.Competition.ResultsPublishedAt != null ? c.Competition.Code : null))
            .FirstOrDefaultAsync(ct);
    }

    /// <summary>The payment that counted for the request, as its receipt prints it.</summary>
    private async Task<PaidFee?> FeeAsync(Guid? paymentId, CancellationToken ct)
    {
        var payment = paymentId is { } id ? await db.Payments.AsNoTracking().SingleOrDefaultAsync(p => p.Id == id, ct) : null;
        return payment is null ? null : new PaidFee(payment.Amount, Payment.MeansLabel(payment.Method), payment.Reference ?? payment.TransactionId);
    }

    /// <summary>The receipt, the certificate or the convocation of the applicant's request <paramref name="number"/> (the
    /// latest one of that kind).</summary>
    public Task<IssuedDocument?> DocumentAsync(string number, DocumentKind kind, string applicantId, CancellationToken ct) =>
        db.IssuedDocuments.AsNoTracking()
            .Where(d => d.Kind == kind && db.Requests.Any(r => r.Id == d.RequestId && r.Number == number && r.ApplicantId == applicantId))
            .OrderByDescending(d => d.IssuedAt)
            .FirstOrDefaultAsync(ct);

    public Task<Attachment?> AttachmentAsync(Guid id, string applicantId, CancellationToken ct) =>
        db.Attachments.AsNoTracking()
            .Where(a => a.Id == id && db.Requests.Any(r => r.Id == a.RequestId && r.ApplicantId == applicantId))
            .FirstOrDefaultAsync(ct);
}
