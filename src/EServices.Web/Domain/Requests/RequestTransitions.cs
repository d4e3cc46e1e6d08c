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
}

/// <summary>The request state machine: the one table of which action is allowed from which state.</summary>
public static class RequestTransitions
{
    private static readonly Dictionary<RequestAction, RequestStatus[]> AllowedFrom = new()
    {
        [RequestAction.Take] = [RequestStatus.Submitted],
        [RequestAction.Assign] = [RequestStatus.Submitted, RequestStatus.UnderReview],
        [RequestAction.RequestCorrection] = [RequestStatus.UnderReview],
        [RequestAction.Resubmit] = [RequestStatus.CorrectionRequested],
        [RequestAction.Accept] = [RequestStatus.UnderReview],
        [RequestAction.Reject] = [RequestStatus.UnderReview],
        [RequestAction.Close] = [RequestStatus.Submitted, RequestStatus.UnderReview, RequestStatus.CorrectionRequested],
    };

    public static bool Allows(RequestStatus from, RequestAction action) => AllowedFrom[action].Contains(from);
}
