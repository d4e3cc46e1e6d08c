namespace EServices.Web.Workflow;

/// <summary>What the applicant and the agent read of an implicit decision to come (« silence vaut accord / rejet »):
/// the last day the service may decide, the working days left until then (today included), or that the count is
/// suspended while the applicant is asked for a correction.</summary>
public sealed record SilenceCountdown(SilenceRule Rule, DateOnly LastDay, int DaysLeft, bool Suspended)
{
    /// <summary>Null for a request with no implicit decision to come (no rule, or decided, closed, still a draft).</summary>
    public static SilenceCountdown? Of(Request request, DateOnly today, WorkingCalendar calendar) =>
        request.SilenceOn is { } last && RequestStates.Open.Contains(request.Status)
            ? new(request.Silence, last, calendar.WorkingDaysLeft(today, last), request.Status == RequestStatus.CorrectionRequested)
            : null;

    public string Outcome => Rule == SilenceRule.Acceptance ? "acceptée" : "rejetée";

    public string Text => Suspended
        ? $"{Rule.Label()} : le délai est suspendu jusqu'à la réponse au complément demandé (dernier jour actuel : {LastDay:dd/MM/yyyy}, reporté d'autant)."
        : DaysLeft == 0
            ? $"{Rule.Label()} : le délai a expiré le {LastDay:dd/MM/yyyy} ; la demande va être {Outcome} par décision implicite."
            : $"{Rule.Label()} : sans décision au plus tard le {LastDay:dd/MM/yyyy}, la demande sera {Outcome} automatiquement — encore {DaysLeft} jour(s) ouvrable(s).";
}
