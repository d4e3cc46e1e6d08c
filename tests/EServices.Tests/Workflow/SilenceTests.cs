using EServices.Web.Workflow;

namespace EServices.Tests.Workflow;

/// <summary>« Silence vaut accord / rejet » (issue 19) on the request itself: the last day counted in working days from
/// filing across a weekend and Easter Monday, the count suspended while the applicant corrects, and the decision the
/// portal takes the day after, never before and never while the applicant has the request.</summary>
public sealed class SilenceTests
{
    private static readonly DateTimeOffset Filed = new(2027, 3, 26, 9, 0, 0, TimeSpan.Zero); // a Friday; Monday 29 is Easter Monday
    private static readonly WorkingCalendar Calendar = new([]);

    private static Request AFiledRequest(SilenceRule rule, int delayDays)
    {
        var procedure = new Procedure { Slug = "visa-de-contrat", Title = "Visa de contrat", Summary = "", PublishedFormVersionId = 1 };
        var request = Request.StartDraft(procedure, "applicant", Filed.AddHours(-1));
        request.Submit("DGT-2027-000001", "Awa OUÉDRAOGO", new DateOnly(2027, 4, 9), null, Filed);
        request.ApplySilence(rule, delayDays, Calendar);
        return request;
    }

    private static DateTimeOffset At(int month, int day, int hour = 0) => new(2027, month, day, hour, 30, 0, TimeSpan.Zero);

    [Fact]
    public void The_last_day_skips_the_weekend_and_Easter_Monday_and_the_days_left_count_today()
    {
        var request = AFiledRequest(SilenceRule.Acceptance, 2);

        Assert.Equal(new DateOnly(2027, 3, 31), request.SilenceOn); // Tuesday 30, Wednesday 31
        Assert.Equal(3, Calendar.WorkingDaysLeft(new DateOnly(2027, 3, 26), request.SilenceOn!.Value)); // Friday, Tuesday, Wednesday
        Assert.Equal(2, Calendar.WorkingDaysLeft(new DateOnly(2027, 3, 29), request.SilenceOn!.Value)); // Easter Monday is not one
        Assert.Equal(1, Calendar.WorkingDaysLeft(new DateOnly(2027, 3, 31), request.SilenceOn!.Value));
        Assert.Equal(0, Calendar.WorkingDaysLeft(new DateOnly(2027, 4, 1), request.SilenceOn!.Value));
        var countdown = SilenceCountdown.Of(request, new DateOnly(2027, 3, 26), Calendar)!;
        Assert.Equal("Silence vaut accord : sans décision au plus tard le 31/03/2027, la demande sera acceptée automatiquement — encore 3 jour(s) ouvrable(s).", countdown.Text);
    }

    [Fact]
    public void Silence_accepts_the_day_after_the_last_day_and_not_before_as_the_system_with_the_reason()
    {
        var request = AFiledRequest(SilenceRule.Acceptance, 2);

        Assert.Throws<InvalidTransitionException>(() => request.DecideBySilence(new DateOnly(2027, 3, 31), At(3, 31, 23)));
        Assert.Equal(RequestStatus.Submitted, request.Status);
        request.DecideBySilence(new DateOnly(2027, 4, 1), At(4, 1));

        Assert.Equal(RequestStatus.Accepted, request.Status);
        Assert.True(request.DecidedBySilence);
        Assert.Equal(At(4, 1), request.DecidedAt);
        var last = request.Events[^1];
        Assert.Null(last.ActorId); // the history names « Système »
        Assert.Equal(
            "Décision implicite d'acceptation : l'administration n'a pas statué au plus tard le 31/03/2027, terme du délai ouvert par le dépôt du 26/03/2027 (silence vaut accord).",
            request.DecisionReason);
        Assert.Equal(request.DecisionReason, last.Comment);
        Assert.Null(SilenceCountdown.Of(request, new DateOnly(2027, 4, 1), Calendar)); // nothing left to count
        Assert.Throws<InvalidTransitionException>(() => request.DecideBySilence(new DateOnly(2027, 4, 2), At(4, 2))); // once
    }

    [Fact]
    public void Silence_rejects_under_the_refusal_rule_and_an_agent_s_decision_leaves_it_nothing_to_decide()
    {
        var refused = AFiledRequest(SilenceRule.Refusal, 1);
        Assert.Equal(new DateOnly(2027, 3, 30), refused.SilenceOn);
        refused.DecideBySilence(new DateOnly(2027, 3, 31), At(3, 31));
        Assert.Equal(RequestStatus.Rejected, refused.Status);
        Assert.EndsWith("(silence vaut rejet).", refused.DecisionReason, StringComparison.Ordinal);

        var decided = AFiledRequest(SilenceRule.Acceptance, 1);
        decided.Take("agent-1", Filed.AddHours(1));
        decided.Reject("agent-1", "Pièce illisible.", Filed.AddHours(2));
        Assert.Throws<InvalidTransitionException>(() => decided.DecideBySilence(new DateOnly(2027, 4, 1), At(4, 1)));
        Assert.Equal(RequestStatus.Rejected, decided.Status);
        Assert.False(decided.DecidedBySilence);

        var none = AFiledRequest(SilenceRule.None, 0);
        Assert.Null(none.SilenceOn);
        Assert.Throws<InvalidTransitionException>(() => none.DecideBySilence(new DateOnly(2028, 1, 3), At(12, 31)));
    }

    [Fact]
    public void The_count_is_suspended_while_the_applicant_corrects_and_the_last_day_moves_by_the_working_days_waited()
    {
        var request = AFiledRequest(SilenceRule.Acceptance, 2);
        request.Take("agent-1", Filed.AddHours(1));
        request.RequestCorrection("agent-1", ["cnib"], "La CNIB est illisible.", new DateOnly(2027, 4, 9), Filed.AddHours(2));

        Assert.Throws<InvalidTransitionException>(() => request.DecideBySilence(new DateOnly(2027, 4, 2), At(4, 2)));
        Assert.True(SilenceCountdown.Of(request, new DateOnly(2027, 4, 1), Calendar)!.Suspended);

        // Back on Thursday 1 April: three working days waited (30, 31, 1), so the last day moves from 31 March to 5 April.
        request.ResubmitCorrection(request.ReadAnswers(), Calendar, At(4, 1, 10));
        Assert.Equal(new DateOnly(2027, 4, 5), request.SilenceOn);
        Assert.Throws<InvalidTransitionException>(() => request.DecideBySilence(new DateOnly(2027, 4, 5), At(4, 5, 18)));
        request.DecideBySilence(new DateOnly(2027, 4, 6), At(4, 6));
        Assert.Equal(RequestStatus.Accepted, request.Status);
    }
}
