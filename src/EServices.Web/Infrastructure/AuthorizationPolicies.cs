namespace EServices.Web.Infrastructure;

/// <summary>The policy names of the portal, one per kind of user (registered in Program).</summary>
public static class AuthorizationPolicies
{
    /// <summary>Applicants only: staff accounts are for the back-office (they file test requests through the draft pages,
    /// which check ownership, and follow them in the back-office).</summary>
    public const string Applicant = "applicant";

    /// <summary>Agents, heads of service and administrators: the requests' pages. Not the cashier, who sees none.</summary>
    public const string BackOffice = "back-office";

    /// <summary>Cashiers only: the counter page, which shows a draft's fee and nothing else of it.</summary>
    public const string Cashier = "cashier";

    /// <summary>Clerks (« guichetiers ») only: filing for citizens at a counter, on the drafts they start and nothing else.</summary>
    public const string Counter = "counter";
    public const string Supervisor = "supervisor";
    public const string Admin = "admin";

    /// <summary>The competitions' administration: administrators and the heads of the service that runs them (AGRE).</summary>
    public const string CompetitionAdmin = "competition-admin";
}
