using Microsoft.Extensions.Options;

namespace EServices.Web.Features.Deadlines;

/// <summary>Decides the requests whose administration kept silent past their last day, reminds experts of the opinions
/// due soon and ends those past due, then sends the heads of service their digest of the day; on every node (each decision is its own transaction, each digest claimed by its row).</summary>
public sealed class DeadlinesJob(IServiceScopeFactory scopes, IOptions<DeadlineOptions> options, TimeProvider clock, ILogger<DeadlinesJob> logger)
    : BackgroundJob(scopes, clock)
{
    private const int Batch = 50;

    protected override TimeSpan Period => options.Value.Interval;

    protected override async Task<bool> RunAsync(IServiceProvider services, CancellationToken ct)
    {
        var decided = await services.GetRequiredService<ImplicitDecisions>().RunAsync(Batch, ct);
        if (decided == Batch)
        {
            return true; // more may be due: the digest waits for the next pass
        }

        await services.GetRequiredService<OpinionDeadlines>().RunAsync(ct);
        await services.GetRequiredService<DeadlineDigests>().SendDueAsync(ct);
        return false;
    }

    protected override void LogFailure(Exception failure) => logger.LogWarning(failure, "Deadlines pass failed; will retry");
}
