namespace EServices.Web.Infrastructure.Sms;

/// <summary>The SMS that tell an owner of something done to their account. Those anyone can cause (a lockout, someone
/// trying the number) are capped per number, counted in the outbox: otherwise 5 wrong passwords every quarter hour made
/// the portal text a phone ~96 times a day. Those of a change made (password, number) always go: a stranger who spent the
/// cap must not silence them.</summary>
public sealed class SecuritySms(AppDbContext db, SmsOutbox sms, TimeProvider clock, ILogger<SecuritySms> logger)
{
    public const int PerNumberPerDay = 3;

    /// <summary>Queues <paramref name="text"/> for <paramref name="phone"/> in the caller's unit of work; when
    /// <paramref name="capped"/>, not once the number has had <see cref="PerNumberPerDay"/> security SMS in 24 hours.</summary>
    public async Task QueueAsync(string? phone, string text, bool capped, CancellationToken ct)
    {
        if (capped && phone is not null && FieldRules.TryPhone(phone, out var canonical))
        {
            var to = FieldRules.E164(canonical);
            var since = clock.GetUtcNow().AddDays(-1);
            if (await db.OutboxSms.CountAsync(s => s.To == to && s.Kind == SmsKind.Security && s.CreatedAt > since, ct) >= PerNumberPerDay)
            {
                logger.LogWarning("Security SMS to a number ending in {End} not queued: {Count} already in 24 hours", to[^2..], PerNumberPerDay);
                return;
            }
        }

        sms.Enqueue(phone, text, SmsKind.Security);
    }
}
