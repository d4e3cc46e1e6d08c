using Microsoft.Extensions.Options;

namespace EServices.Web.Features.PersonalData;

public sealed class RetentionOptions
{
    public const string Section = "Retention";

    /// <summary>How long the answers, files and messages of a decided or closed request are kept after the decision.
    /// The request's number, history and issued documents stay: they are the administration's record of its acts.</summary>
    public int ClosedRequestDays { get; set; } = 3650;

    public TimeSpan Interval { get; set; } = TimeSpan.FromHours(6);
}

/// <summary>Runs the retention purge now and then, on any node (each request is erased in its own transaction).</summary>
public sealed class RetentionJob(IServiceScopeFactory scopes, IOptions<RetentionOptions> options, TimeProvider clock, ILogger<RetentionJob> logger)
    : BackgroundJob(scopes, clock)
{
    protected override TimeSpan Period => options.Value.Interval;

    protected override async Task<bool> RunAsync(IServiceProvider services, CancellationToken ct)
    {
        var erasure = services.GetRequiredService<Erasure>();
        while (await erasure.PurgeClosedRequestsAsync(ct) > 0)
        {
        }

        await erasure.ExpireUnpaidDraftsAsync(ct);
        await erasure.ForgetStrayFilesAsync(ct);
        await erasure.ForgetOldMessagesAsync(ct);
        return false;
    }

    protected override void LogFailure(Exception failure) => logger.LogWarning(failure, "Retention pass failed; will retry");
}
