namespace EServices.Web.Infrastructure.Sms;

/// <summary>Queues an SMS in the caller's unit of work: it leaves only if that work commits, and a gateway that is down
/// only leaves it waiting (SmsDispatchJob retries).</summary>
public sealed class SmsOutbox(AppDbContext db, TimeProvider clock)
{
    /// <summary>Queues <paramref name="text"/> for <paramref name="phone"/> (any form FieldRules.TryPhone accepts), made GSM-7
    /// where it can be and cut to two parts. False, and nothing queued, when the number is not a Burkinabè one.</summary>
    public bool Enqueue(string? phone, string text, SmsKind kind, Guid? requestId = null)
    {
        if (phone is null || !FieldRules.TryPhone(phone, out var canonical))
        {
            return false;
        }

        var sms = SmsText.Of(text).Shortened(SmsText.MaxParts);
        var now = clock.GetUtcNow();
        db.OutboxSms.Add(new OutboxSms
        {
            To = FieldRules.E164(canonical),
            Text = sms.Text,
            Coding = sms.Coding,
            Parts = sms.Parts,
            Kind = kind,
            RequestId = requestId,
            CreatedAt = now,
            NextAttemptAt = now,
        });
        return true;
    }
}
