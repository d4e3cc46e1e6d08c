namespace EServices.Web.Domain.Requests;

public enum RequestStatus
{
    Draft,
    Submitted,
    UnderReview,
    CorrectionRequested,
    Accepted,
    Rejected,
    ClosedWithoutFollowUp,
}

public static class RequestStatusLabels
{
    public static string Label(this RequestStatus status) => status switch
    {
        RequestStatus.Draft => "Brouillon",
        RequestStatus.Submitted => "Déposée",
        RequestStatus.UnderReview => "En instruction",
        RequestStatus.CorrectionRequested => "Complément demandé",
        RequestStatus.Accepted => "Acceptée",
        RequestStatus.Rejected => "Rejetée",
        RequestStatus.ClosedWithoutFollowUp => "Classée sans suite",
    };
}
