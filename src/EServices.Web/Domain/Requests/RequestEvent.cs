namespace EServices.Web.Domain.Requests;

/// <summary>One recorded state change of a request: who, when, from, to, and why.</summary>
public sealed class RequestEvent
{
    public long Id { get; set; }
    public Guid RequestId { get; set; }
    public DateTimeOffset At { get; set; }
    public string? ActorId { get; set; }
    public RequestStatus? From { get; set; }
    public RequestStatus To { get; set; }
    public string Comment { get; set; } = "";
}
