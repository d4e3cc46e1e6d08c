using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace EServices.Web.Infrastructure;

/// <summary>
/// /health/ready's database check: one statement through the portal's own pool and execution strategy, as a page would
/// run it. After a restart of PostgreSQL the pooled connections are dead (57P01): the strategy drops the pool and tries
/// again, so the first probe after a restart answers Healthy instead of taking the node out (a separate health-check
/// pool, which the portal's clearing never reached, used to answer 503 once per restart).
/// </summary>
public sealed class DatabaseReadiness(AppDbContext db) : IHealthCheck
{
    public const string Name = "postgresql";

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            await db.Database.CreateExecutionStrategy().ExecuteAsync(
                token => db.Database.ExecuteSqlRawAsync("SELECT 1", token), cancellationToken);
            return HealthCheckResult.Healthy();
        }
        catch (Exception ex) when (DatabaseFaults.IsUnavailable(ex))
        {
            return HealthCheckResult.Unhealthy("PostgreSQL ne répond pas", ex);
        }
    }
}
