using EServices.Web.Forms;
using EServices.Web.Workflow;

namespace EServices.Web.Features.BackOffice;

public sealed record StaffTimelineEntry(DateTimeOffset At, string Actor, string? From, string To, string Comment);

/// <summary>An attachment as staff see it, under the label of the file field (<paramref name="FieldKey"/>) it answers.</summary>
public sealed record StaffDocument(Guid Id, string FieldKey, string Label, string FileName, long Size, string ContentType)
{
    /// <summary>How the page previews it: in an image, in the browser's PDF reader, or not at all.</summary>
    public bool IsImage => ContentType.StartsWith("image/", StringComparison.Ordinal);
}

/// <summary>An SMS sent about the request, as staff follow it (the applicant's page does not show them): the number masked
/// but for its last two digits, and where it stands as the gateway last reported (<paramref name="At"/>: that report's time).</summary>
public sealed record SmsLine(DateTimeOffset QueuedAt, string To, SmsKind Kind, SmsDelivery Delivery, DateTimeOffset? At, int Attempts)
{
    public string MaskedTo => To.Length > 8 ? $"{To[..^8]} ** ** ** {To[^2..]}" : "**";

    public string KindLabel => Kind switch
    {
        SmsKind.Notice => "Avis de la demande",
        SmsKind.Reply => "Réponse à un SMS du demandeur",
        SmsKind.Code => "Code de confirmation",
        SmsKind.Security => "Avis de sécurité du compte",
    };

    public string DeliveryLabel => Delivery switch
    {
        SmsDelivery.Waiting => Attempts == 0 ? "En attente" : $"En attente ({Attempts} essai(s) sans réponse de la passerelle)",
        SmsDelivery.Accepted => "Accepté par la passerelle",
        SmsDelivery.Transmitted => "Transmis à l'opérateur",
        SmsDelivery.Delivered => "Remis",
        SmsDelivery.Failed => "Échec",
    };
}

public sealed record IssuedLine(Guid Id, DocumentKind Kind, string Title, string Number, DateTimeOffset IssuedAt, string? RevokedReason);

/// <summary>A request as the back-office sees it: the answers with the form version they were filed with,
/// documents, timeline, the SMS sent about it, and the moves allowed now.</summary>
public sealed record RequestFilePage(
    string Number,
    uint Version,
    string ProcedureTitle,
    int ServiceId,
    RequestStatus Status,
    string ApplicantName,
    string? ApplicantEmail,
    string? ApplicantPhone,
    DateTimeOffset SubmittedAt,
    DateOnly? DueOn,
    bool Overdue,
    int PausedWorkingDays,
    string? Assignee,
    string? CorrectionMessage,
    DateOnly? CorrectionDeadline,
    IReadOnlyList<string> CorrectionLabels,
    string? DecisionReason,
    ReviewPage Answers,
    IReadOnlyList<StaffDocument> Documents,
    IReadOnlyList<StaffTimelineEntry> Timeline,
    IReadOnlyList<(string Key, string Label)> CorrectableFields,
    IReadOnlyList<(string Id, string Name)> Colleagues,
    IReadOnlySet<RequestAction> Allowed,
    IReadOnlyList<IssuedLine> Issued,
    IReadOnlyList<MessageLine> Messages,
    int FormVersionNumber,
    bool IsTest,
    string? GroupName,
    IReadOnlyList<SmsLine> Sms,
    IReadOnlyList<LabelChip> Labels,
    IReadOnlyList<LabelChip> ServiceLabels,
    IReadOnlyList<(string Value, string Label)> Destinations)
{
    /// <summary>The implicit decision to come, when the procedure's silence decides.</summary>
    public SilenceCountdown? Silence { get; init; }

    /// <summary>The opinions asked on the request, and the staff of other services one may be asked of.</summary>
    public IReadOnlyList<OpinionLine> Opinions { get; init; } = [];

    public IReadOnlyList<(string Value, string Label)> Experts { get; init; } = [];

    /// <summary>The list the page was opened from, when it was (its previous and next requests).</summary>
    public ListNavigation? Navigation { get; init; }

    /// <summary>The moves and the SMS sent about the request, in time order: an SMS, queued in the transaction of the move
    /// that caused it, follows that move.</summary>
    public IEnumerable<(DateTimeOffset At, StaffTimelineEntry? Move, SmsLine? Sms)> History =>
        Timeline.Select(e => (e.At, (StaffTimelineEntry?)e, (SmsLine?)null))
            .Concat(Sms.Select(s => (s.QueuedAt, (StaffTimelineEntry?)null, (SmsLine?)s)))
            .OrderBy(entry => entry.Item1);
}

public sealed class RequestFileQuery(AppDbContext db, StaffScope scope, Conversation conversation, LabelScope labels, WorkingCalendar calendar, TimeProvider clock)
{
    public async Task<RequestFilePage?> RunAsync(ClaimsPrincipal user, string number, CancellationToken ct)
    {
        var request = await (await scope.RequestsAsync(user, ct)).AsNoTracking()
            .Include(r => r.Procedure)
            .Include(r => r.FormVersion)
            .Include(r => r.Attachments)
            .Include(r => r.Events)
            .AsSplitQuery()
            .FirstOrDefaultAsync(r => r.Number == number, ct);
        if (request is null)
        {
            return null;
        }

        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        var definition = request.FormVersion.Parse();
        var people = await db.Users.AsNoTracking()
            .Where(u => u.Id == request.ApplicantId || u.Id == request.AssigneeId || request.Events.Select(e => e.ActorId).Contains(u.Id))
            .Select(u => new { u.Id, u.FirstNames, u.LastName, u.Email, u.PhoneNumber })
            .ToDictionaryAsync(u => u.Id, ct);
        string Name(string? id) => id is not null && people.TryGetValue(id, out var p) ? $"{p.FirstNames} {p.LastName.ToUpperInvariant()}" : "Système";
        var files = DraftSteps.Files(request);
        var fields = definition.AnswerFields.ToList();

        return new RequestFilePage(
            request.Number!,
            request.Version,
            request.Procedure.Title,
            request.Procedure.ServiceId,
            request.Status,
            request.ApplicantName ?? Name(request.ApplicantId),
            people.GetValueOrDefault(request.ApplicantId)?.Email,
            people.GetValueOrDefault(request.ApplicantId)?.PhoneNumber,
            request.SubmittedAt!.Value,
            request.DueOn,
            request.IsOverdue(today),
            request.PausedWorkingDays,
            request.AssigneeId is null ? null : Name(request.AssigneeId),
            request.CorrectionMessage,
            request.CorrectionDeadline,
            fields.Where(f => request.CorrectionFields.Contains(f.Key)).Select(f => f.Label).ToList(),
            request.DecisionReason,
            Review.Build(request, today),
            fields.Where(f => files.ContainsKey(f.Key))
                .Select(f => (f, a: request.Attachments.Single(a => a.Id == files[f.Key].Id)))
                .Select(x => new StaffDocument(x.a.Id, x.f.Key, x.f.Label, x.a.FileName, x.a.Size, x.a.ContentType))
                .Concat(request.Attachments.Where(a => files.TryGetValue(CounterFiling.SignedSummaryKey, out var signed) && signed.Id == a.Id)
                    .Select(a => new StaffDocument(a.Id, a.FieldKey, CounterFiling.SignedSummaryLabel, a.FileName, a.Size, a.ContentType)))
                .ToList(),
            request.Events.OrderBy(e => e.At).ThenBy(e => e.Id)
                .Select(e => new StaffTimelineEntry(e.At, Name(e.ActorId), e.From?.Label(), e.To.Label(), e.Comment)).ToList(),
            fields.Where(f => f.Type != FieldType.Info).Select(f => (f.Key, f.Label)).ToList(),
            await scope.ColleaguesAsync(request.Procedure.ServiceId, ct),
            Enum.GetValues<RequestAction>().Where(a => a != RequestAction.Resubmit && request.Allows(a)).ToHashSet(),
            await db.IssuedDocuments.AsNoTracking().Where(d => d.RequestId == request.Id).OrderBy(d => d.IssuedAt)
                .Select(d => new IssuedLine(d.Id, d.Kind, d.ProcedureTitle, d.Number, d.IssuedAt, d.RevokedReason))
                .ToListAsync(ct),
            await conversation.ThreadAsync(request.Id, withNotes: true, ct),
            request.FormVersion.Number,
            request.IsTest,
            await db.ServiceGroups.Where(g => g.Id == request.GroupId).Select(g => g.Name).FirstOrDefaultAsync(ct),
            await db.OutboxSms.AsNoTracking().Where(s => s.RequestId == request.Id).OrderBy(s => s.Id)
                .Select(s => new SmsLine(s.CreatedAt, s.To, s.Kind, s.Delivery, s.DeliveryAt ?? s.SentAt, s.Attempts))
                .ToListAsync(ct),
            await labels.OnRequestAsync(request.Id, ct),
            await labels.OfServiceAsync(request.Procedure.ServiceId, ct),
            user.IsInRole(Roles.Supervisor) || user.IsInRole(Roles.Admin)
                ? await Transfer.DestinationsAsync(db, request.Procedure.ServiceId, request.GroupId, ct)
                : [])
        {
            Silence = SilenceCountdown.Of(request, today, calendar),
            Opinions = await AskOpinion.OfAsync(db, request.Id, ct),
            Experts = RequestStates.Open.Contains(request.Status) ? await AskOpinion.ExpertsAsync(db, request.Procedure.ServiceId, ct) : [],
        };
    }
}
