using EServices.Web.Infrastructure.Email;

namespace EServices.Web.Infrastructure.Telemetry;

/// <summary>
/// Reads the backlogs (e-mails, SMS, payments still unknown) every few seconds (Metrics:SampleInterval) for /metrics:
/// a scrape then never waits on the database, and still answers during an outage. Each count reads a partial index.
/// </summary>
public sealed class BacklogSampler(IServiceScopeFactory scopes, IConfiguration configuration, PortalMetrics metrics, TimeProvider clock,
    ILogger<BacklogSampler> logger) : BackgroundJob(scopes, clock)
{
    /// <summary>A check this late means the reconciliation job (every 30 s) has not reached it.</summary>
    private static readonly TimeSpan OverdueAfter = TimeSpan.FromMinutes(10);

    protected override TimeSpan Period { get; } = configuration.GetValue("Metrics:SampleInterval", TimeSpan.FromSeconds(15));

    protected override async Task<bool> RunAsync(IServiceProvider services, CancellationToken ct)
    {
        var db = services.GetRequiredService<AppDbContext>();
        var now = Clock.GetUtcNow();
        var emails = await CountAsync(db.OutboxEmails.Where(e => e.SentAt == null && e.Attempts < EmailDispatchJob.MaxAttempts)
            .Select(e => e.CreatedAt), ct);
        // An SMS refused for good (Failed) is not waiting any more.
        var sms = await CountAsync(db.OutboxSms.Where(s => s.SentAt == null && s.Delivery != SmsDelivery.Failed).Select(s => s.CreatedAt), ct);
        var payments = await CountAsync(db.Payments.Where(p => p.Status == PaymentStatus.Pending).Select(p => p.CreatedAt), ct);
        var late = now - OverdueAfter;
        var overdue = await db.Payments.LongCountAsync(p => p.Status == PaymentStatus.Pending && p.NextCheckAt < late, ct);
        metrics.BacklogsRead(new PortalMetrics.Backlogs(
            emails.Count, Age(emails.Oldest), sms.Count, Age(sms.Oldest), payments.Count, Age(payments.Oldest), overdue, now, Period));
        return false;

        double Age(DateTimeOffset? oldest) => oldest is { } at ? Math.Max(0, (now - at).TotalSeconds) : 0;
    }

    protected override void LogFailure(Exception failure) => logger.LogWarning(failure, "Reading the backlogs for /metrics failed; will retry");

    private static async Task<(long Count, DateTimeOffset? Oldest)> CountAsync(IQueryable<DateTimeOffset> waiting, CancellationToken ct)
    {
        var found = await waiting.GroupBy(_ => 1).Select(g => new { Count = g.LongCount(), Oldest = g.Min() }).SingleOrDefaultAsync(ct);
        return found is null ? (0, null) : (found.Count, found.Oldest);
    }
}
