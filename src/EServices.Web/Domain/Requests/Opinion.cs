namespace EServices.Web.Domain.Requests;

public enum OpinionStatus
{
    Pending,
    Answered,

    /// <summary>The deadline passed without an answer: the expert's access ended.</summary>
    Expired,
}

/// <summary>
/// An opinion (« avis ») an agent asks of a named person on one request: a member of staff of another service or an
/// outside expert, reached by e-mail or SMS with a personal link whose secret is kept here only as its SHA-256. The
/// link opens that request alone, read-only, until the expert answers or the deadline passes. Shown to staff, never
/// to the applicant.
/// </summary>
public sealed class Opinion
{
    public Guid Id { get; init; }
    public Guid RequestId { get; init; }
    public required string AskedById { get; init; }
    public DateTimeOffset AskedAt { get; init; }
    public required string Question { get; init; }

    /// <summary>The last day the expert may answer.</summary>
    public DateOnly DueOn { get; init; }

    public required string ExpertName { get; init; }
    public string? ExpertEmail { get; init; }
    public string? ExpertPhone { get; init; }

    /// <summary>The expert's account, when they are staff of the portal (their e-mail is the account's).</summary>
    public string? ExpertUserId { get; init; }

    public required string TokenHash { get; init; }
    public OpinionStatus Status { get; private set; }
    public string? Answer { get; private set; }
    public DateTimeOffset? AnsweredAt { get; private set; }
    public string? FileName { get; private set; }
    public string? FileContentType { get; private set; }
    public long? FileSize { get; private set; }
    public string? FileStorageKey { get; private set; }
    public string? FileSha256 { get; private set; }

    /// <summary>When the reminder before the deadline was sent (once).</summary>
    public DateTimeOffset? RemindedAt { get; private set; }

    public uint Version { get; private set; }

    /// <summary>Whether the link still opens the request: not answered, and the deadline not passed.</summary>
    public bool IsOpen(DateOnly today) => Status == OpinionStatus.Pending && today <= DueOn;

    /// <param name="file">The expert's file as stored: name, type, size, storage key, SHA-256.</param>
    public void Give(string answer, (string Name, string ContentType, long Size, string Key, string Sha256)? file, DateOnly today, DateTimeOffset now)
    {
        if (!IsOpen(today))
        {
            throw new InvalidTransitionException("Cet avis ne peut plus être donné : il a déjà été donné ou son délai est passé.");
        }

        Status = OpinionStatus.Answered;
        Answer = answer.Trim();
        AnsweredAt = now;
        if (file is { } f)
        {
            (FileName, FileContentType, FileSize, FileStorageKey, FileSha256) = (f.Name, f.ContentType, f.Size, f.Key, f.Sha256);
        }
    }

    public void Expire(DateOnly today)
    {
        if (Status == OpinionStatus.Pending && today > DueOn)
        {
            Status = OpinionStatus.Expired;
        }
    }

    public void Remind(DateTimeOffset now) => RemindedAt = now;
}
