namespace EServices.Web.Infrastructure;

/// <summary>
/// The loop every background job shares: run a pass in a new scope, again at once while it finds work, then wait
/// <see cref="Period"/>; a failed pass is logged and retried after the wait, so an outage never stops the job; the
/// host's shutdown ends it. Jobs claim their rows themselves (locks, SKIP LOCKED), so every node may run them.
/// </summary>
public abstract class BackgroundJob(IServiceScopeFactory scopes, TimeProvider clock) : BackgroundService
{
    /// <summary>The clock the wait runs on (tests advance a fake one).</summary>
    protected TimeProvider Clock { get; } = clock;

    /// <summary>The wait between passes.</summary>
    protected abstract TimeSpan Period { get; }

    /// <summary>One pass; true when it did some work and another should follow at once.</summary>
    protected abstract Task<bool> RunAsync(IServiceProvider services, CancellationToken ct);

    /// <summary>Each job words its own warning, so its log line stays the one operators know.</summary>
    protected abstract void LogFailure(Exception failure);

    /// <summary>One pass in its own scope (tests drive a job with it).</summary>
    public async Task<bool> RunOnceAsync(CancellationToken ct)
    {
        using var scope = scopes.CreateScope();
        var more = await RunAsync(scope.ServiceProvider, ct);
        // For the "job late" alert (deploy/prometheus): a job failing every pass, or stuck in one, stops beating.
        scope.ServiceProvider.GetService<Telemetry.PortalMetrics>()?.JobSucceeded(GetType().Name, Clock.GetUtcNow(), Period);
        return more;
    }

    protected sealed override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using (var scope = scopes.CreateScope())
        {
            // A job failing from its first pass is late three periods after the start, not never.
            scope.ServiceProvider.GetService<Telemetry.PortalMetrics>()?.JobStarted(GetType().Name, Clock.GetUtcNow(), Period);
        }

        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                while (await RunOnceAsync(stoppingToken))
                {
                }
            }
            catch (Exception failure) when (failure is not OperationCanceledException)
            {
                LogFailure(failure);
            }

            try
            {
                await Task.Delay(Period, Clock, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }
}
