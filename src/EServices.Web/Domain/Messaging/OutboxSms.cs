namespace EServices.Web.Domain.Messaging;

/// <summary>
/// An SMS waiting to be sent, or sent and followed. Written in the same transaction as the change that causes it (a
/// filing, a decision, a code asked for), handed to the SMS gateway by SmsDispatchJob, retried with back-off, and
/// followed by the gateway's delivery reports. The text is already as the phone will show it (<see cref="SmsText"/>).
/// </summary>
public sealed class OutboxSms
{
    public long Id { get; set; }

    /// <summary>The recipient in E.164 without spaces: +22670123456.</summary>
    public required string To { get; set; }

    public required string Text { get; set; }
    public SmsCoding Coding { get; set; }
    public int Parts { get; set; }

    /// <summary>What the SMS is for, to count and list them: a code, a notice of a request, an answer to an incoming SMS, a
    /// security notice about an account.</summary>
    public SmsKind Kind { get; set; }

    /// <summary>The request a notice is about: its timeline shows the delivery to staff.</summary>
    public Guid? RequestId { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset NextAttemptAt { get; set; }
    public int Attempts { get; set; }

    /// <summary>Set, and committed, before the gateway is called: a row claimed but never marked sent is one whose sending
    /// was cut short (a node stopped between the gateway's answer and the save).</summary>
    public DateTimeOffset? ClaimedAt { get; set; }

    /// <summary>When the gateway accepted it (Kannel's 202).</summary>
    public DateTimeOffset? SentAt { get; set; }

    public SmsDelivery Delivery { get; set; }
    public DateTimeOffset? DeliveryAt { get; set; }
    public string? LastError { get; set; }
}

public enum SmsKind
{
    /// <summary>A one-time code: worthless after its 10 minutes, its text blanked by retention.</summary>
    Code,
    Notice,
    Reply,

    /// <summary>Something done to an account (password changed, lockout, number replaced, someone trying the number): capped
    /// per number, and its text kept as long as the other SMS.</summary>
    Security,
}

/// <summary>Where an SMS stands, as the gateway last told.</summary>
public enum SmsDelivery
{
    /// <summary>Not yet accepted by the gateway.</summary>
    Waiting,

    /// <summary>The gateway took it (sendsms answered 202).</summary>
    Accepted,

    /// <summary>The operator's SMS centre took it (delivery report 8).</summary>
    Transmitted,

    /// <summary>The phone received it (delivery report 1).</summary>
    Delivered,

    /// <summary>The gateway or the operator refused it, or the phone could not be reached (reports 2 and 16).</summary>
    Failed,
}
