namespace EServices.Web.Domain.Accounts;

/// <summary>Another system allowed to use the API for one service (OAuth 2 client credentials). Its secret lives hashed in
/// OpenIddict's application row of the same <see cref="ClientId"/>; its moves are made and journaled under
/// <see cref="AccountId"/>, an account that cannot sign in, named after the client.</summary>
public sealed class ApiClient
{
    public int Id { get; set; }

    public required string ClientId { get; set; }

    /// <summary>The system's name as the journal and the request's history show it (« SIGASPE — DRH »).</summary>
    public required string Name { get; set; }

    public int ServiceId { get; set; }

    /// <summary>Read always; decide (take, ask for a correction, accept, reject, write) only when granted.</summary>
    public bool MayDecide { get; set; }

    public required string AccountId { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public string? CreatedById { get; set; }

    /// <summary>Revoked clients keep their row: the history and the journal still name them.</summary>
    public DateTimeOffset? RevokedAt { get; set; }

    public string[] Scopes => MayDecide ? [ApiScopes.Read, ApiScopes.Decide] : [ApiScopes.Read];
}

/// <summary>What an API call's principal says of its client, beside the account's id (NameIdentifier).</summary>
public static class ApiClaims
{
    public const string Service = "eservices:service";
    public const string ClientId = "eservices:client";
}

/// <summary>The API's OAuth scopes.</summary>
public static class ApiScopes
{
    public const string Read = "eservices.read";
    public const string Decide = "eservices.decide";
}
