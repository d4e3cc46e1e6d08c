namespace EServices.Web.Domain.Catalogue;

/// <summary>A team inside a service (one per regional directorate, say). New requests are routed to a group;
/// agents see the requests of their groups.</summary>
public sealed class ServiceGroup
{
    public int Id { get; set; }
    public int ServiceId { get; set; }
    public required string Name { get; set; }

    /// <summary>Where a request goes when no routing rule matches; one per service.</summary>
    public bool IsDefault { get; set; }
}

/// <summary>An agent's membership of a group.</summary>
public sealed class GroupMember
{
    public required string UserId { get; set; }
    public int GroupId { get; set; }
}

/// <summary>"When the answer to the procedure's routing field is <see cref="FieldValue"/>, send the request to this group."</summary>
public sealed class RoutingRule
{
    public int Id { get; set; }
    public int ProcedureId { get; set; }
    public required string FieldValue { get; set; }
    public int GroupId { get; set; }
}
