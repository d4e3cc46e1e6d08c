namespace EServices.Web.Domain.Requests;

public enum RequestAction
{
    Take,
    Assign,
    RequestCorrection,
    Resubmit,
    Accept,
    Reject,
    Close,

    /// <summary>To another group of the service or another service's procedure (a request that was misrouted).</summary>
    Transfer,
}

/// <summary>The request state machine: the one table of which action is allowed from which state. A switch without a
/// catch-all, so that a new action does not compile until it has its row.</summary>
public static class RequestTransitions
{
    public static bool Allows(RequestStatus from, RequestAction action) => action switch
    {
        RequestAction.Take => from is RequestStatus.Submitted,
        RequestAction.Assign => from is RequestStatus.Submitted or RequestStatus.UnderReview,
        RequestAction.RequestCorrection => from is RequestStatus.UnderReview,
        RequestAction.Resubmit => from is RequestStatus.CorrectionRequested,
        RequestAction.Accept => from is RequestStatus.UnderReview,
        RequestAction.Reject => from is RequestStatus.UnderReview,
        RequestAction.Close => RequestStates.Open.Contains(from),
        RequestAction.Transfer => from is RequestStatus.Submitted or RequestStatus.UnderReview,
    };
}
