using Microsoft.Extensions.Options;

namespace EServices.Web.Infrastructure.Sms;

/// <summary>
/// Hands queued SMS to Kannel, codes first. Every node runs it: rows are claimed with FOR UPDATE SKIP LOCKED and the
/// claim (ClaimedAt, Attempts) is committed before the gateway is called, so that no lock is held during the call and
/// no other node takes the same row. A gateway that is down releases the claim and the row waits (back-off, never
/// dropped); a refusal (4xx) fails it for good. Does nothing while Sms:SendSmsUrl is empty.
/// </summary>
public sealed class SmsDispatchJob(
    IServiceScopeFactory scopes,
    IOptions<SmsOptions> options,
    TimeProvider clock,
    ILogger<SmsDispatchJob> logger) : BackgroundJob(scopes, clock)
{
    private const int BatchSize = 50;

    /// <summary>
    /// A claim older than this, on a row still without SentAt, was cut short: the node stopped after claiming it, maybe
    /// after Kannel's 202 and before the save. Such a row is sent again only if no delivery report arrived for it (a
    /// report moves Delivery off Waiting); so a duplicate needs a node to die in that narrow window AND the report to be
    /// lost or late — accepted, since the other choice, never retrying, loses an SMS on every such crash.
    /// </summary>
    private static readonly TimeSpan StaleClaim = TimeSpan.FromMinutes(5);

    protected override TimeSpan Period => options.Value.PollInterval;

    protected override void LogFailure(Exception failure) => logger.LogWarning(failure, "SMS outbox pass failed; will retry");

    protected override async Task<bool> RunAsync(IServiceProvider services, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(options.Value.SendSmsUrl))
        {
            return false;
        }

        var db = services.GetRequiredService<AppDbContext>();
        var batch = await ClaimAsync(db, ct);
        var sendsms = services.GetRequiredService<Sendsms>();
        var sent = 0;
        for (var i = 0; i < batch.Count; i++)
        {
            var sms = batch[i];
            var (outcome, error) = await SendOrReleaseAsync(db, sendsms, batch, i, ct);
            switch (outcome)
            {
                case SendOutcome.Accepted:
                    sent++;
                    await MarkSentAsync(db, sms.Id);
                    break;
                case SendOutcome.Refused:
                    logger.LogWarning("SMS {Id} refused by the gateway: {Error}", sms.Id, error);
                    await db.OutboxSms.Where(s => s.Id == sms.Id).ExecuteUpdateAsync(s => s
                        .SetProperty(x => x.Delivery, SmsDelivery.Failed).SetProperty(x => x.DeliveryAt, Clock.GetUtcNow())
                        .SetProperty(x => x.LastError, Shorten(error)), CancellationToken.None);
                    break;
                default:
                    // The gateway is down: the rest of the batch would meet the same fate.
                    logger.LogWarning("SMS gateway unreachable ({Error}); {Count} SMS postponed", error, batch.Count - i);
                    await ReleaseAsync(db, batch.Skip(i), error);
                    return sent > 0;
            }
        }

        return batch.Count > 0;
    }

    private async Task<List<OutboxSms>> ClaimAsync(AppDbContext db, CancellationToken ct)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var now = Clock.GetUtcNow();
        var stale = now - StaleClaim;
        var batch = await db.OutboxSms
            .FromSql($"""
                SELECT * FROM outbox_sms
                WHERE sent_at IS NULL AND delivery = 'Waiting' AND next_attempt_at <= {now}
                  AND (claimed_at IS NULL OR claimed_at < {stale})
                ORDER BY kind = 'Code' DESC, id LIMIT {BatchSize} FOR UPDATE SKIP LOCKED
                """)
            .ToListAsync(ct);
        foreach (var sms in batch)
        {
            sms.ClaimedAt = now;
            sms.Attempts++;
        }

        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return batch;
    }

    /// <summary>Sends one; if the host stops first, gives back the claims of those not yet handed over, so that the next
    /// node sends them at once rather than after <see cref="StaleClaim"/>.</summary>
    private static async Task<(SendOutcome, string?)> SendOrReleaseAsync(
        AppDbContext db, Sendsms sendsms, List<OutboxSms> batch, int index, CancellationToken ct)
    {
        if (ct.IsCancellationRequested)
        {
            var unsent = batch.Skip(index).Select(b => b.Id).ToArray();
            await db.OutboxSms.Where(s => unsent.Contains(s.Id))
                .ExecuteUpdateAsync(s => s.SetProperty(x => x.ClaimedAt, (DateTimeOffset?)null), CancellationToken.None);
            ct.ThrowIfCancellationRequested();
        }

        return await sendsms.SendAsync(batch[index], ct);
    }

    /// <summary>Sent; a delivery report that came before this save already moved Delivery further, and keeps it.</summary>
    private async Task MarkSentAsync(AppDbContext db, long id) =>
        await db.OutboxSms.Where(s => s.Id == id).ExecuteUpdateAsync(s => s
            .SetProperty(x => x.SentAt, Clock.GetUtcNow())
            .SetProperty(x => x.Delivery, x => x.Delivery == SmsDelivery.Waiting ? SmsDelivery.Accepted : x.Delivery)
            .SetProperty(x => x.LastError, (string?)null), CancellationToken.None);

    /// <summary>Gives the rows back, due again after 5 s, 10 s, 20 s… up to 30 min (a code lives 10 minutes: retry soon).</summary>
    private async Task ReleaseAsync(AppDbContext db, IEnumerable<OutboxSms> rows, string? error)
    {
        var now = Clock.GetUtcNow();
        foreach (var sms in rows)
        {
            var wait = TimeSpan.FromSeconds(Math.Min(5 * Math.Pow(2, Math.Min(sms.Attempts - 1, 20)), 1800));
            await db.OutboxSms.Where(s => s.Id == sms.Id).ExecuteUpdateAsync(s => s
                .SetProperty(x => x.ClaimedAt, (DateTimeOffset?)null).SetProperty(x => x.NextAttemptAt, now + wait)
                .SetProperty(x => x.LastError, Shorten(error)), CancellationToken.None);
        }
    }

    private static string? Shorten(string? error) => error is { Length: > 500 } ? error[..500] : error;
}
