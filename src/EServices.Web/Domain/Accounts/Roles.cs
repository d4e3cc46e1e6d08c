namespace EServices.Web.Domain.Accounts;

/// <summary>Staff roles. An applicant has none.</summary>
public static class Roles
{
    /// <summary>Agent instructeur: processes the requests of their services.</summary>
    public const string Agent = "agent";

    /// <summary>Chef de service: an agent who also assigns requests to colleagues.</summary>
    public const string Supervisor = "superviseur";

    public const string Admin = "admin";

    /// <summary>Caissier: records the Treasury receipts of fees paid at a counter; sees no request's content.</summary>
    public const string Cashier = "caissier";

    /// <summary>Guichetier: files requests for citizens who come in person; sees only the drafts they start.</summary>
    public const string Clerk = "guichetier";

    /// <summary>Given to an API call's principal only (never stored): another system acting for one service
    /// (<see cref="ApiClient"/>). Not in <see cref="All"/>, which lists the roles people hold.</summary>
    public const string ApiClient = "client-api";

    public static readonly string[] All = [Agent, Supervisor, Admin, Cashier, Clerk];

    public static string Label(string role) => role switch
    {
        Agent => "Agent instructeur",
        Supervisor => "Chef de service",
        Admin => "Administrateur",
        Cashier => "Caissier",
        Clerk => "Guichetier",
        _ => role,
    };
}
