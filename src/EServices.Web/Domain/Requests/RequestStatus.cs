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
    /// <summary>A draft whose fee is not yet confirmed (<see cref="Request.IsAwaitingPayment"/>): still a draft in the
    /// state machine, so it stays out of the back-office and the figures.</summary>
    public const string AwaitingPayment = "En attente de paiement";

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
