using EServices.Web.Infrastructure.Audit;
using EServices.Web.Infrastructure.Telemetry;

namespace EServices.Web.Features.CompetitionClosing;

/// <summary>
/// Runs the validation and the numbering AGRE asked for (<see cref="Competition.ValidationRequestedAt"/>,
/// <see cref="Competition.NumberingRequestedAt"/>): over 300 000 applications one statement takes tens of seconds, no web
/// request's work. Every node runs the job: a pass claims one competition with work by its row, FOR NO KEY UPDATE SKIP
/// LOCKED (another node takes another competition, or waits for the next pass), does the work, clears the request and
/// records it in the audit log under the name of whoever asked, all in one transaction. A crash rolls it all back and
/// leaves the request set: the next pass does it again, from the start. Both are idempotent (validation changes only
/// « Déposée » applications, numbering only candidates without a number), so nothing is done twice.
/// </summary>
public sealed class ClosingJob(IServiceScopeFactory scopes, IConfiguration configuration, TimeProvider clock, ILogger<ClosingJob> logger)
    : BackgroundJob(scopes, clock)
{
    public const string Section = "CompetitionClosing";

    protected override TimeSpan Period { get; } = configuration.GetValue($"{Section}:PollInterval", TimeSpan.FromSeconds(5));

    /// <summary>Longer than the numbering of the biggest competition (≈ 45 s for 300 000 candidates on the benchmark machine).</summary>
    private TimeSpan StatementTimeout { get; } = configuration.GetValue($"{Section}:StatementTimeout", TimeSpan.FromMinutes(10));

    protected override void LogFailure(Exception failure) => logger.LogWarning(failure, "Competition closing work failed; will retry");

    protected override async Task<bool> RunAsync(IServiceProvider services, CancellationToken ct)
    {
        var db = services.GetRequiredService<AppDbContext>();
        var audit = services.GetRequiredService<AuditLog>();
        db.Database.SetCommandTimeout(StatementTimeout);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var competition = await db.Competitions.FromSql($"""
            SELECT * FROM competitions WHERE validation_requested_at IS NOT NULL OR numbering_requested_at IS NOT NULL
            ORDER BY least(validation_requested_at, numbering_requested_at), id LIMIT 1 FOR NO KEY UPDATE SKIP LOCKED
            """).AsTracking().SingleOrDefaultAsync(ct);
        if (competition is null)
        {
            return false;
        }

        var now = Clock.GetUtcNow();
        if (competition.ValidationRequestedBy is { } validator)
        {
            await ValidateFiled.RunAsync(db, audit, services.GetRequiredService<CountStateChanges>(), competition, validator, now, ct);
        }
        else if (competition.NumberingRequestedBy is { } numberer)
        {
            await AssignNumbers.RunAsync(db, audit, competition, numberer, now, ct);
        }

        (competition.ValidationRequestedAt, competition.ValidationRequestedBy) = (null, null);
        (competition.NumberingRequestedAt, competition.NumberingRequestedBy) = (null, null);
        competition.UpdatedAt = now;
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        logger.LogInformation("Competition {Competition}: closing work done", competition.Code);
        return true;
    }
}
