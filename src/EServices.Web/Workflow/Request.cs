using EServices.Web.Features.Catalogue;
using EServices.Web.Forms;

namespace EServices.Web.Workflow;

/// <summary>
/// One request (demande) for a procedure. A draft is a request in the Draft state: the half-finished
/// form is this one object, saved at every step. Every state change goes through a method here and is
/// recorded as an event.
/// </summary>
public sealed class Request
{
    public Guid Id { get; private set; }
    public int ProcedureId { get; private set; }
    public Procedure Procedure { get; private set; } = null!;
    public int FormVersionId { get; private set; }
    public FormVersion FormVersion { get; private set; } = null!;
    public string ApplicantId { get; private set; } = null!;
    public RequestStatus Status { get; private set; }

    /// <summary>The answers as jsonb (<see cref="FormAnswers"/>).</summary>
    public string Answers { get; private set; } = "{}";

    /// <summary>The furthest step the applicant has completed (0 = none), to resume a draft.</summary>
    public int CompletedSteps { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }
    public DateTimeOffset UpdatedAt { get; private set; }
    public string? Number { get; private set; }
    public DateTimeOffset? SubmittedAt { get; private set; }
    public DateOnly? DueOn { get; private set; }

    /// <summary>The applicant's name at filing, as printed on the receipt.</summary>
    public string? ApplicantName { get; private set; }

    public uint Version { get; private set; }

    public List<Attachment> Attachments { get; private set; } = [];
    public List<RequestEvent> Events { get; private set; } = [];

    public static Request StartDraft(Procedure procedure, string applicantId, DateTimeOffset now)
    {
        if (procedure.PublishedFormVersionId is not { } formVersionId)
        {
            throw new InvalidTransitionException("Cette démarche n'est pas encore disponible en ligne.");
        }

        var request = new Request
        {
            Id = Guid.NewGuid(),
            ProcedureId = procedure.Id,
            FormVersionId = formVersionId,
            ApplicantId = applicantId,
            Status = RequestStatus.Draft,
            CreatedAt = now,
            UpdatedAt = now,
        };
        request.Record(now, applicantId, null, RequestStatus.Draft, "Brouillon créé");
        return request;
    }

    public FormAnswers ReadAnswers() => FormAnswers.Parse(Answers);

    public void SaveAnswers(FormAnswers answers, int completedSteps, DateTimeOffset now)
    {
        EnsureDraft();
        Answers = answers.ToJson();
        CompletedSteps = Math.Max(CompletedSteps, completedSteps);
        UpdatedAt = now;
    }

    public void Attach(Attachment attachment)
    {
        EnsureDraft();
        attachment.RequestId = Id;
        Attachments.Add(attachment);
    }

    /// <summary>Files the draft: it gets its tracking number and due date and becomes "Déposée".</summary>
    public void Submit(string number, string applicantName, DateOnly dueOn, DateTimeOffset now)
    {
        EnsureDraft();
        Number = number;
        ApplicantName = applicantName;
        DueOn = dueOn;
        SubmittedAt = now;
        UpdatedAt = now;
        Status = RequestStatus.Submitted;
        Record(now, ApplicantId, RequestStatus.Draft, RequestStatus.Submitted, "Demande déposée");
    }

    private void EnsureDraft()
    {
        if (Status != RequestStatus.Draft)
        {
            throw new InvalidTransitionException("Cette demande a déjà été déposée : elle ne peut plus être modifiée.");
        }
    }

    private void Record(DateTimeOffset at, string? actorId, RequestStatus? from, RequestStatus to, string comment) =>
        Events.Add(new RequestEvent { RequestId = Id, At = at, ActorId = actorId, From = from, To = to, Comment = comment });
}
