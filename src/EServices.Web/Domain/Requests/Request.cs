
namespace EServices.Web.Domain.Requests;

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

    /// <summary>Filed through the test link of an unpublished procedure; deleted when the procedure is published.</summary>
    public bool IsTest { get; private set; }

    /// <summary>The group of the service that processes it, chosen by the routing rules at filing.</summary>
    public int? GroupId { get; private set; }

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

    /// <summary>The agent in charge, once the request is taken or assigned.</summary>
    public string? AssigneeId { get; private set; }

    /// <summary>While the applicant is asked for a correction: what to correct, why and by when.
    /// The processing clock is paused from <see cref="PausedSince"/> until the applicant resubmits.</summary>
    public string[] CorrectionFields { get; private set; } = [];

    public string? CorrectionMessage { get; private set; }
    public DateOnly? CorrectionDeadline { get; private set; }
    public DateTimeOffset? PausedSince { get; private set; }

    /// <summary>Working days spent waiting on the applicant, added to the due date.</summary>
    public int PausedWorkingDays { get; private set; }

    /// <summary>The rule of the procedure as it stood when the request was filed (or transferred): the law at filing applies.</summary>
    public SilenceRule Silence { get; private set; }

    /// <summary>The last day the administration may decide before its silence does (<see cref="Silence"/>); moved, like the
    /// due date, by the working days spent waiting on the applicant.</summary>
    public DateOnly? SilenceOn { get; private set; }

    /// <summary>Decided by the portal because no one decided by <see cref="SilenceOn"/>.</summary>
    public bool DecidedBySilence { get; private set; }

    public DateTimeOffset? DecidedAt { get; private set; }

    /// <summary>The reason given to the applicant for a rejection or a closure.</summary>
    public string? DecisionReason { get; private set; }

    /// <summary>The fee this request pays before it is filed, set from its answers when it leaves the review page for
    /// payment (and kept after filing as the amount paid).</summary>
    public int? FeeDue { get; private set; }

    /// <summary>Set while the draft waits for its payment: its answers are frozen, it has no number yet.</summary>
    public DateTimeOffset? AwaitingPaymentSince { get; private set; }

    /// <summary>The reference a cashier types to find an unpaid draft ("P-7K3M9Q2X"): it has no tracking number yet.</summary>
    public string? PaymentCode { get; private set; }

    /// <summary>The payment that counts for this request, once confirmed.</summary>
    public Guid? PaymentId { get; private set; }

    public uint Version { get; private set; }

    /// <summary>« En attente de paiement »: a draft whose form is done and whose fee is not yet confirmed.</summary>
    public bool IsAwaitingPayment => Status == RequestStatus.Draft && AwaitingPaymentSince is not null;

    /// <summary>The status as the applicant reads it: a draft waiting for its payment says so.</summary>
    public string StatusLabel => IsAwaitingPayment ? RequestStatusLabels.AwaitingPayment : Status.Label();

    public List<Attachment> Attachments { get; private set; } = [];
    public List<RequestEvent> Events { get; private set; } = [];

    /// <summary>Starts a draft on the live version, or on the draft version through the test link.</summary>
    /// <param name="clerkId">The clerk who starts it at a counter for the applicant, who is then not its author.</param>
    public static Request StartDraft(Procedure procedure, string applicantId, DateTimeOffset now, bool test = false, string? clerkId = null)
    {
        var formVersionId = test ? procedure.DraftFormVersionId : procedure.IsOnline ? procedure.PublishedFormVersionId : null;
        if (formVersionId is null)
        {
            throw new InvalidTransitionException(test
                ? "Cette démarche n'a pas de brouillon à tester."
                : "Cette démarche n'est pas disponible en ligne.");
        }

        var request = new Request
        {
            Id = Guid.NewGuid(),
            ProcedureId = procedure.Id,
            FormVersionId = formVersionId.Value,
            IsTest = test,
            ApplicantId = applicantId,
            Status = RequestStatus.Draft,
            CreatedAt = now,
            UpdatedAt = now,
        };
        request.Record(now, clerkId ?? applicantId, null, RequestStatus.Draft, clerkId is null ? "Brouillon créé" : "Brouillon créé au guichet");
        return request;
    }

    public FormAnswers ReadAnswers() => FormAnswers.Parse(Answers);

    public void SaveAnswers(FormAnswers answers, int completedSteps, DateTimeOffset now)
    {
        EnsureEditable();
        Answers = answers.ToJson();
        CompletedSteps = Math.Max(CompletedSteps, completedSteps);
        UpdatedAt = now;
    }

    /// <summary>Adds a document: to a draft, or to a request whose correction asks for that document.</summary>
    public void Attach(Attachment attachment)
    {
        if (!(Status == RequestStatus.CorrectionRequested && CorrectionFields.Contains(attachment.FieldKey)))
        {
            EnsureEditable();
        }

        attachment.RequestId = Id;
        Attachments.Add(attachment);
    }

    /// <summary>The form is done and the procedure has a fee: the draft waits for its payment, answers frozen.</summary>
    public void AwaitPayment(int fee, string paymentCode, DateTimeOffset now)
    {
        EnsureEditable();
        FeeDue = fee;
        PaymentCode = paymentCode;
        AwaitingPaymentSince = now;
        UpdatedAt = now;
        Record(now, ApplicantId, RequestStatus.Draft, RequestStatus.Draft, $"En attente de paiement : {FieldRules.FormatAmount(fee)}");
    }

    /// <summary>The applicant goes back to the form before paying (the caller has checked that no payment is under way).</summary>
    public void BackToForm(DateTimeOffset now)
    {
        if (!IsAwaitingPayment)
        {
            throw new InvalidTransitionException("Cette demande n'attend pas de paiement.");
        }

        FeeDue = null;
        AwaitingPaymentSince = null;
        UpdatedAt = now;
        Record(now, ApplicantId, RequestStatus.Draft, RequestStatus.Draft, "Retour au formulaire avant paiement");
    }

    /// <summary>A draft filled at a counter goes to the account of the number whose code the citizen just read out: that
    /// account is theirs (the placeholder made from their card held nothing else).</summary>
    public void MoveToAccountOfConfirmedNumber(string accountId, string clerkId, DateTimeOffset now)
    {
        EnsureEditable();
        ApplicantId = accountId;
        Record(now, clerkId, RequestStatus.Draft, RequestStatus.Draft, "Rattachée au compte en ligne du numéro confirmé par le code");
    }

    /// <summary>A clerk files the draft for its applicant, who came to a counter and confirmed it (<paramref name="how"/>):
    /// recorded before the filing itself, so the history says who filed it and on what proof.</summary>
    public void ConfirmAtCounter(string clerkId, string how, DateTimeOffset now)
    {
        EnsureEditable();
        Record(now, clerkId, RequestStatus.Draft, RequestStatus.Draft, $"Dépôt au guichet, confirmé par le demandeur {how}");
    }

    /// <summary>Files the draft: it gets its tracking number and due date and becomes "Déposée". A draft with a fee is
    /// filed only by its confirmed <paramref name="paymentId"/>, whoever learns of it first (the notification, the
    /// reconciliation job, the applicant's return, a cashier).</summary>
    public void Submit(string number, string applicantName, DateOnly dueOn, int? groupId, DateTimeOffset now, Guid? paymentId = null)
    {
        EnsureDraft();
        if (IsAwaitingPayment != paymentId.HasValue)
        {
            throw new InvalidTransitionException(paymentId.HasValue
                ? "Cette demande n'attend pas de paiement."
                : "Cette demande ne sera déposée qu'une fois son paiement confirmé.");
        }

        PaymentId = paymentId;
        AwaitingPaymentSince = null;
        GroupId = groupId;
        Number = number;
        ApplicantName = applicantName;
        DueOn = dueOn;
        SubmittedAt = now;
        UpdatedAt = now;
        Status = RequestStatus.Submitted;
        Record(now, ApplicantId, RequestStatus.Draft, RequestStatus.Submitted, "Demande déposée");
    }

    /// <summary>The applicant changes answers of a filed request nobody has taken yet (an application to a competition, until
    /// its closing): recorded, with what changed, among the request's events.</summary>
    public void Amend(FormAnswers answers, string actorId, DateTimeOffset now, string comment)
    {
        if (Status != RequestStatus.Submitted)
        {
            throw new InvalidTransitionException($"Action impossible : la demande est « {Status.Label()} ».");
        }

        Answers = answers.ToJson();
        UpdatedAt = now;
        Record(now, actorId, Status, Status, comment);
    }

    /// <summary>Whether the due date has passed while the request is with the administration.</summary>
    public bool IsOverdue(DateOnly today) => RequestStates.IsOverdue(Status, DueOn, today);

    /// <summary>An agent takes a new request for themself.</summary>
    public void Take(string agentId, DateTimeOffset now)
    {
        Ensure(RequestAction.Take);
        AssigneeId = agentId;
        Move(now, agentId, RequestStatus.UnderReview, "Prise en charge");
    }

    /// <summary>A supervisor gives a request to a colleague (or takes it back from one).</summary>
    public void Assign(string supervisorId, string agentId, string agentName, DateTimeOffset now)
    {
        Ensure(RequestAction.Assign);
        AssigneeId = agentId;
        Move(now, supervisorId, RequestStatus.UnderReview, $"Attribuée à {agentName}");
    }

    /// <summary>Asks the applicant to correct some answers or documents; the clock stops until they resubmit.</summary>
    public void RequestCorrection(string agentId, IReadOnlyCollection<string> fields, string message, DateOnly deadline, DateTimeOffset now)
    {
        Ensure(RequestAction.RequestCorrection);
        if (fields.Count == 0 || string.IsNullOrWhiteSpace(message))
        {
            throw new InvalidTransitionException("Indiquez ce qu'il faut corriger et un message pour le demandeur.");
        }

        CorrectionFields = [.. fields];
        CorrectionMessage = message.Trim();
        CorrectionDeadline = deadline;
        PausedSince = now;
        Move(now, agentId, RequestStatus.CorrectionRequested, CorrectionMessage);
    }

    /// <summary>The applicant sends the corrected answers: the request goes back to the same agent and the
    /// due date moves by the working days spent waiting.</summary>
    public void ResubmitCorrection(FormAnswers answers, WorkingCalendar calendar, DateTimeOffset now)
    {
        Ensure(RequestAction.Resubmit);
        var waited = calendar.WorkingDaysBetween(DateOnly.FromDateTime(PausedSince!.Value.UtcDateTime), DateOnly.FromDateTime(now.UtcDateTime));
        PausedWorkingDays += waited;
        if (DueOn is { } due)
        {
            DueOn = calendar.AddWorkingDays(due, waited);
        }

        if (SilenceOn is { } last)
        {
            SilenceOn = calendar.AddWorkingDays(last, waited);
        }

        Answers = answers.ToJson();
        CorrectionFields = [];
        PausedSince = null;
        Move(now, ApplicantId, RequestStatus.UnderReview, "Complément envoyé par le demandeur");
    }

    /// <summary>Keeps the applicant's corrections while they are still being made (no state change).</summary>
    public void KeepCorrection(FormAnswers answers, DateTimeOffset now)
    {
        if (Status != RequestStatus.CorrectionRequested)
        {
            throw new InvalidTransitionException($"Action impossible : la demande est « {Status.Label()} ».");
        }

        Answers = answers.ToJson();
        UpdatedAt = now;
    }

    /// <summary>Sets what the administration's silence will decide and from when: <paramref name="rule"/>'s delay counted in
    /// working days from the filing date, plus the days already spent waiting on the applicant.</summary>
    public void ApplySilence(SilenceRule rule, int delayDays, WorkingCalendar calendar)
    {
        Silence = rule;
        SilenceOn = rule == SilenceRule.None
            ? null
            : calendar.AddWorkingDays(DateOnly.FromDateTime(SubmittedAt!.Value.UtcDateTime), delayDays + PausedWorkingDays);
    }

    /// <summary>No decision by <see cref="SilenceOn"/>: the portal decides as the procedure's rule says, recorded as the
    /// system's move with the reason the applicant reads.</summary>
    public void DecideBySilence(DateOnly today, DateTimeOffset now)
    {
        if (Silence == SilenceRule.None || SilenceOn is not { } last || today <= last || !RequestStates.WithAdministration.Contains(Status))
        {
            throw new InvalidTransitionException($"Pas de décision implicite : la demande est « {Status.Label()} ».");
        }

        DecidedAt = now;
        DecidedBySilence = true;
        DecisionReason = Silence.Reason(DateOnly.FromDateTime(SubmittedAt!.Value.UtcDateTime), last);
        Move(now, null, Silence == SilenceRule.Acceptance ? RequestStatus.Accepted : RequestStatus.Rejected, DecisionReason);
    }

    public void Accept(string agentId, DateTimeOffset now)
    {
        Ensure(RequestAction.Accept);
        DecidedAt = now;
        Move(now, agentId, RequestStatus.Accepted, "Demande acceptée");
    }

    public void Reject(string agentId, string reason, DateTimeOffset now)
    {
        Ensure(RequestAction.Reject);
        DecidedAt = now;
        DecisionReason = RequiredReason(reason, "Indiquez le motif du rejet : il sera communiqué au demandeur.");
        Move(now, agentId, RequestStatus.Rejected, DecisionReason);
    }

    public void Close(string agentId, string reason, DateTimeOffset now)
    {
        Ensure(RequestAction.Close);
        DecidedAt = now;
        PausedSince = null;
        DecisionReason = RequiredReason(reason, "Indiquez pourquoi la demande est classée sans suite.");
        Move(now, agentId, RequestStatus.ClosedWithoutFollowUp, DecisionReason);
    }

    /// <summary>Sends a misrouted request to another group of its service or to another service's procedure: the number
    /// stays, nobody has it any more, it waits there to be taken, due on the receiving procedure's date.</summary>
    public void Transfer(string actorId, int procedureId, int? groupId, DateOnly? dueOn, string comment, DateTimeOffset now)
    {
        Ensure(RequestAction.Transfer);
        (ProcedureId, GroupId, AssigneeId, DueOn) = (procedureId, groupId, null, dueOn);
        Move(now, actorId, RequestStatus.Submitted, comment);
    }

    public bool Allows(RequestAction action) => RequestTransitions.Allows(Status, action);

    private void Ensure(RequestAction action)
    {
        if (!Allows(action))
        {
            throw new InvalidTransitionException($"Action impossible : la demande est « {Status.Label()} ».");
        }
    }

    private void Move(DateTimeOffset now, string? actorId, RequestStatus to, string comment)
    {
        var from = Status;
        Status = to;
        UpdatedAt = now;
        Record(now, actorId, from, to, comment);
    }

    private static string RequiredReason(string reason, string message) =>
        string.IsNullOrWhiteSpace(reason) ? throw new InvalidTransitionException(message) : reason.Trim();

    /// <summary>A draft whose form may still change: not while it waits for its payment.</summary>
    private void EnsureEditable()
    {
        EnsureDraft();
        if (IsAwaitingPayment)
        {
            throw new InvalidTransitionException("Le formulaire ne peut plus être modifié pendant le paiement : revenez d'abord au formulaire.");
        }
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
