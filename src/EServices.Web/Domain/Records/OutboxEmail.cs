namespace EServices.Web.Domain.Records;

/// <summary>An e-mail waiting to be sent. Written in the same transaction as the change that causes it,
/// sent by EmailDispatchJob, retried with back-off.</summary>
public sealed class OutboxEmail
{
    public long Id { get; set; }
    public required string To { get; set; }
    public required string Subject { get; set; }
    public required string Body { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset NextAttemptAt { get; set; }
    public int Attempts { get; set; }
    public DateTimeOffset? SentAt { get; set; }
    public string? LastError { get; set; }
}
