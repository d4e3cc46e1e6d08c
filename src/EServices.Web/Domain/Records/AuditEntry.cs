namespace EServices.Web.Domain.Records;

/// <summary>One change made in the administration: who, when, what, on which thing. Request state changes are
/// recorded as request events; the audit log viewer shows both.</summary>
public sealed class AuditEntry
{
    public long Id { get; set; }
    public DateTimeOffset At { get; set; }
    public string? ActorId { get; set; }

    /// <summary>What was done, in French ("Démarche publiée (version 2)").</summary>
    public required string Action { get; set; }

    /// <summary>"demarche", "service", "categorie", "agent", "groupe".</summary>
    public required string TargetType { get; set; }

    public required string TargetId { get; set; }

    /// <summary>The target's name at the time, so the log stays readable after renames.</summary>
    public required string TargetLabel { get; set; }
}
