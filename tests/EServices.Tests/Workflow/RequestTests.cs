
namespace EServices.Tests.Workflow;

public sealed class RequestTests
{
    private static readonly DateTimeOffset Filed = new(2026, 11, 23, 9, 0, 0, TimeSpan.Zero); // a Monday
    private static readonly WorkingCalendar Calendar = new([]);

    private static Request AFiledRequest()
    {
        var procedure = new Procedure { Slug = "attestation-de-travail", Title = "Attestation de travail", Summary = "", PublishedFormVersionId = 1 };
        var request = Request.StartDraft(procedure, "applicant", Filed.AddHours(-1));
        request.Submit("FP-2026-000001", "Awa OUÉDRAOGO", new DateOnly(2026, 11, 26), null, Filed);
        return request;
    }

    [Fact]
    public void Taking_a_filed_request_puts_it_under_review_with_its_agent_and_records_who_when_from_and_to()
    {
        var request = AFiledRequest();
        request.Take("agent-1", Filed.AddHours(2));

        Assert.Equal(RequestStatus.UnderReview, request.Status);
        Assert.Equal("agent-1", request.AssigneeId);
        var last = request.Events[^1];
        Assert.Equal(("agent-1", RequestStatus.Submitted, RequestStatus.UnderReview), (last.ActorId, last.From!.Value, last.To));
        Assert.Equal(Filed.AddHours(2), last.At);
        Assert.Equal(["Brouillon créé", "Demande déposée", "Prise en charge"], request.Events.Select(e => e.Comment));
    }

    [Fact]
    public void A_filed_request_nobody_took_may_be_amended_by_its_applicant_with_an_event_and_not_after_it_is_taken()
    {
        var request = AFiledRequest();
        var answers = request.ReadAnswers();
        answers.Set("centre_composition", "Koudougou");
        request.Amend(answers, "applicant", Filed.AddHours(1), "Centre de composition changé : Koudougou");

        Assert.Equal(RequestStatus.Submitted, request.Status);
        Assert.Equal("Koudougou", request.ReadAnswers().Get("centre_composition"));
        var last = request.Events[^1];
        Assert.Equal(("applicant", RequestStatus.Submitted, RequestStatus.Submitted, "Centre de composition changé : Koudougou"), (last.ActorId, last.From!.Value, last.To, last.Comment));

        request.Take("agent-1", Filed.AddHours(2));
        var refused = Assert.Throws<InvalidTransitionException>(() => request.Amend(answers, "applicant", Filed.AddHours(3), "encore"));
        Assert.Equal("Action impossible : la demande est « En instruction ».", refused.Message);
    }

    [Fact]
    public void A_decision_on_a_request_nobody_took_is_refused_with_a_clear_message()
    {
        var request = AFiledRequest();
        var refused = Assert.Throws<InvalidTransitionException>(() => request.Accept("agent-1", Filed));
        Assert.Equal("Action impossible : la demande est « Déposée ».", refused.Message);
        Assert.Equal(RequestStatus.Submitted, request.Status);
    }

    [Fact]
    public void Waiting_for_a_correction_pauses_the_clock_and_the_request_returns_to_the_same_agent()
    {
        var request = AFiledRequest();
        request.Take("agent-1", Filed.AddHours(1));
        request.RequestCorrection("agent-1", ["bulletin"], "Le bulletin joint est illisible.", new DateOnly(2026, 12, 4), Filed.AddHours(2));
        Assert.Equal(RequestStatus.CorrectionRequested, request.Status);
        Assert.False(request.IsOverdue(new DateOnly(2026, 12, 31)));

        // Answered the next Monday: five working days waited, so the due date moves from Thursday 26/11 to Thursday 3/12.
        var answers = request.ReadAnswers();
        answers.Set("bulletin", "nouveau");
        request.ResubmitCorrection(answers, Calendar, Filed.AddDays(7));

        Assert.Equal(RequestStatus.UnderReview, request.Status);
        Assert.Equal("agent-1", request.AssigneeId);
        Assert.Equal(5, request.PausedWorkingDays);
        Assert.Equal(new DateOnly(2026, 12, 3), request.DueOn);
        Assert.Empty(request.CorrectionFields);
        Assert.Equal("nouveau", request.ReadAnswers().Get("bulletin"));
    }

    [Fact]
    public void A_correction_request_needs_something_to_correct_and_a_message()
    {
        var request = AFiledRequest();
        request.Take("agent-1", Filed);
        Assert.Throws<InvalidTransitionException>(() => request.RequestCorrection("agent-1", [], "Message", new DateOnly(2026, 12, 4), Filed));
        Assert.Throws<InvalidTransitionException>(() => request.RequestCorrection("agent-1", ["cnib"], " ", new DateOnly(2026, 12, 4), Filed));
        Assert.Equal(RequestStatus.UnderReview, request.Status);
    }

    [Fact]
    public void A_rejection_and_a_closure_need_a_reason_that_the_applicant_will_read()
    {
        var request = AFiledRequest();
        request.Take("agent-1", Filed);
        Assert.Equal("Indiquez le motif du rejet : il sera communiqué au demandeur.",
            Assert.Throws<InvalidTransitionException>(() => request.Reject("agent-1", "", Filed)).Message);

        request.Reject("agent-1", "Vous n'êtes pas agent public.", Filed.AddHours(3));
        Assert.Equal(RequestStatus.Rejected, request.Status);
        Assert.Equal("Vous n'êtes pas agent public.", request.DecisionReason);
        Assert.Equal(Filed.AddHours(3), request.DecidedAt);
    }

    [Fact]
    public void Once_decided_a_request_accepts_no_other_move()
    {
        var request = AFiledRequest();
        request.Take("agent-1", Filed);
        request.Accept("agent-1", Filed.AddHours(1));
        foreach (var action in Enum.GetValues<RequestAction>())
        {
            Assert.False(request.Allows(action), $"{action} after acceptance");
        }

        Assert.Throws<InvalidTransitionException>(() => request.Close("agent-1", "Doublon", Filed));
    }

    [Fact]
    public void A_request_can_be_closed_while_waiting_for_the_applicant()
    {
        var request = AFiledRequest();
        request.Take("agent-1", Filed);
        request.RequestCorrection("agent-1", ["cnib"], "CNIB expirée", new DateOnly(2026, 12, 4), Filed);
        request.Close("agent-1", "Aucune réponse du demandeur dans le délai.", Filed.AddDays(20));
        Assert.Equal(RequestStatus.ClosedWithoutFollowUp, request.Status);
        Assert.Null(request.PausedSince);
    }

    [Fact]
    public void Overdue_means_past_due_while_the_administration_holds_it()
    {
        var request = AFiledRequest();
        Assert.False(request.IsOverdue(new DateOnly(2026, 11, 26)));
        Assert.True(request.IsOverdue(new DateOnly(2026, 11, 27)));
    }
}
