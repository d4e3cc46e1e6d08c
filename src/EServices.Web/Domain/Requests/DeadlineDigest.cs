namespace EServices.Web.Domain.Requests;

/// <summary>A head of service's daily e-mail of overdue and soon-due requests, sent for <see cref="Day"/>: the row is
/// what makes it once a day whichever node sends it.</summary>
public sealed class DeadlineDigest
{
    public required string UserId { get; init; }
    public DateOnly Day { get; init; }
    public DateTimeOffset SentAt { get; init; }
}
