using Microsoft.Extensions.Options;

namespace EServices.Web.Payments;

/// <summary>
/// Re-checks every pending attempt with back-off (2, 4, 8… minutes, then every 2 hours) for up to 48 hours, so that a
/// lost notification, a closed browser or a portal stopped between the checkout and the notification still ends paid
/// or failed. Attempts are claimed in batches (SKIP LOCKED), so every node may run the job; the provider is asked
/// outside any transaction, a few at a time.
/// </summary>
public sealed class ReconciliationJob(IServiceScopeFactory scopes, IOptions<PaymentOptions> options, TimeProvider clock, ILogger<ReconciliationJob> logger)
    : BackgroundJob(scopes, clock)
{
    protected override TimeSpan Period => options.Value.ReconcileEvery;

    protected override async Task<bool> RunAsync(IServiceProvider services, CancellationToken ct)
    {
        // Ten rounds of checks per claim: a claim lasts as long as ten provider timeouts, so a slow provider does not let
        // another node claim the same attempts before this one has asked about them.
        var batch = options.Value.ParallelChecks * 10;
        var due = await services.GetRequiredService<PaymentLedger>().ClaimDueAsync(batch, ct);
        var scopes = services.GetRequiredService<IServiceScopeFactory>();
        await Parallel.ForEachAsync(due, new ParallelOptions { MaxDegreeOfParallelism = options.Value.ParallelChecks, CancellationToken = ct }, async (transactionId, token) =>
        {
            using var scope = scopes.CreateScope();
            try
            {
                await scope.ServiceProvider.GetRequiredService<PaymentLedger>().CheckAsync(transactionId, token);
            }
            catch (Exception failure) when (failure is not OperationCanceledException)
            {
                // Claimed for a few minutes only: the next pass asks again.
                logger.LogWarning(failure, "Payment {TransactionId} could not be reconciled", transactionId);
            }
        });
        return due.Count == batch;
    }

    protected override void LogFailure(Exception failure) => logger.LogWarning(failure, "Payment reconciliation failed");
}
