using System.Collections.Concurrent;
using Microsoft.Extensions.Options;

namespace EServices.Web.Infrastructure.Sms;

/// <summary>
/// Hands queued SMS to Kannel, codes first. Every node runs it: rows are claimed with FOR UPDATE SKIP LOCKED and the
/// claim (ClaimedAt, Attempts) is committed before the gateway is called, so that no lock is held during the call and
/// no other node takes the same row. A gateway that is down or refuses the portal's settings releases the claim and
/// the row waits (back-off, never dropped); a refusal of the message (400) fails it for good; a call left without
/// answer keeps its claim (Kannel may have sent it). Does nothing while Sms:SendSmsUrl is empty.
/// </summary>
public sealed class SmsDispatchJob(
    IServiceScopeFactory scopes,
    IOptions<SmsOptions> options,
    TimeProvider clock,
    ILogger<SmsDispatchJob> logger) : BackgroundJob(scopes, clock)
{
    private const int BatchSize = 50;
    private const int Parallelism = 8;

    /// <summary>
    /// A claim older than this, on a row still without SentAt, was cut short: the node stopped during the call, or the
    /// call got no answer in time (Kannel may have taken it). Such a row is sent again only
    /// if no delivery report arrived for it (a report moves Delivery off Waiting); so a duplicate needs a node to die in
    /// that narrow window AND the report to be lost or late — accepted, since the other choice, never retrying, loses an
    /// SMS on every such crash.
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
        if (batch.Count == 0)
        {
            return false;
        }

        var sendsms = services.GetRequiredService<Sendsms>();
        var outcomes = new ConcurrentDictionary<long, (SendOutcome Outcome, string? Error)>();
        var started = new ConcurrentDictionary<long, bool>();
        try
        {
            // Each call waits on the network, not on the processor: a few at once keep Kannel busy.
            await Parallel.ForEachAsync(batch, new ParallelOptions { MaxDegreeOfParallelism = Parallelism, CancellationToken = ct }, async (sms, token) =>
            {
                started[sms.Id] = true;
                outcomes[sms.Id] = await sendsms.SendAsync(sms, token);
            });
        }
        catch (OperationCanceledException)
        {
            // The host stops. Kannel's answers already received are saved (an accepted SMS left unsaved would go again
            // after StaleClaim); SMS never handed over are given back at once; those in flight wait for StaleClaim.
            await RecordAsync(db, outcomes);
            var unsent = batch.Where(s => !started.ContainsKey(s.Id)).Select(s => s.Id).ToArray();
            await db.OutboxSms.Where(s => unsent.Contains(s.Id))
                .ExecuteUpdateAsync(s => s.SetProperty(x => x.ClaimedAt, (DateTimeOffset?)null), CancellationToken.None);
            throw;
        }

        await RecordAsync(db, outcomes);
        return outcomes.Values.Any(o => o.Outcome == SendOutcome.Accepted);
    }

    private async Task RecordAsync(AppDbContext db, ConcurrentDictionary<long, (SendOutcome Outcome, string? Error)> outcomes)
    {
        var now = Clock.GetUtcNow();
        var accepted = outcomes.Where(o => o.Value.Outcome == SendOutcome.Accepted).Select(o => o.Key).ToArray();
        // A delivery report that came before this save already moved Delivery further, and keeps it.
        await db.OutboxSms.Where(s => accepted.Contains(s.Id)).ExecuteUpdateAsync(s => s
            .SetProperty(x => x.SentAt, now)
            .SetProperty(x => x.Delivery, x => x.Delivery == SmsDelivery.Waiting ? SmsDelivery.Accepted : x.Delivery)
            .SetProperty(x => x.LastError, (string?)null), CancellationToken.None);
        foreach (var (id, (_, error)) in outcomes.Where(o => o.Value.Outcome == SendOutcome.Refused))
        {
            logger.LogWarning("SMS {Id} refused by the gateway: {Error}", id, error);
            await db.OutboxSms.Where(s => s.Id == id).ExecuteUpdateAsync(s => s
                .SetProperty(x => x.Delivery, SmsDelivery.Failed).SetProperty(x => x.DeliveryAt, now)
                .SetProperty(x => x.LastError, Shorten(error)), CancellationToken.None);
        }

        var uncertain = outcomes.Where(o => o.Value.Outcome == SendOutcome.Uncertain).ToArray();
        if (uncertain.Length > 0)
        {
            // The claim stays: a delivery report, or StaleClaim without one, decides.
            var error = uncertain[0].Value.Error;
            logger.LogWarning("SMS gateway did not answer ({Error}); {Count} SMS maybe sent, tried again after {Wait} only without a delivery report", error, uncertain.Length, StaleClaim);
            var ids = uncertain.Select(o => o.Key).ToArray();
            await db.OutboxSms.Where(s => ids.Contains(s.Id))
                .ExecuteUpdateAsync(s => s.SetProperty(x => x.LastError, Shorten(error)), CancellationToken.None);
        }

        var later = outcomes.Where(o => o.Value.Outcome is SendOutcome.Later or SendOutcome.Misconfigured).ToArray();
        if (later.Length > 0)
        {
            var misconfigured = later.Where(o => o.Value.Outcome == SendOutcome.Misconfigured).Select(o => o.Value.Error).FirstOrDefault();
            var error = misconfigured ?? later[0].Value.Error;
            if (misconfigured is not null)
            {
                logger.LogError("SMS gateway refuses the portal ({Error}): check Sms:UserName, Sms:Password and Sms:SendSmsUrl against kannel.conf; {Count} SMS wait", error, later.Length);
            }
            else
            {
                logger.LogWarning("SMS gateway unreachable ({Error}); {Count} SMS postponed", error, later.Length);
            }

            await ReleaseAsync(db, later.Select(o => o.Key).ToArray(), error, now);
        }
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

    /// <summary>Gives the claims back, due again after 5 s, 10 s, 20 s… up to 30 min (a code lives 10 minutes: retry soon).</summary>
    private static async Task ReleaseAsync(AppDbContext db, long[] ids, string? error, DateTimeOffset now)
    {
        var shortened = Shorten(error) ?? "";
        await db.Database.ExecuteSqlAsync($"""
            UPDATE outbox_sms SET claimed_at = NULL, last_error = {shortened},
              next_attempt_at = {now} + make_interval(secs => least(5 * power(2, least(attempts - 1, 20)), 1800))
            WHERE id = ANY({ids})
            """, CancellationToken.None);
    }

    private static string? Shorten(string? error) => error is { Length: > 500 } ? error[..500] : error;
}
