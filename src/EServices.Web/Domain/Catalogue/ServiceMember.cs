namespace EServices.Web.Domain.Catalogue;

/// <summary>A member of staff belongs to one or more services and sees only their requests.</summary>
public sealed class ServiceMember
{
    public required string UserId { get; set; }
    public int ServiceId { get; set; }
}
