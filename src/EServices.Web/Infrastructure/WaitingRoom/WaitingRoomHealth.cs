using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace EServices.Web.Infrastructure.WaitingRoom;

/// <summary>/health says the node's state on its first line (what a balancer reads), then the waiting room's queue.</summary>
public sealed class WaitingRoomHealth(WaitingRoom room) : IHealthCheck
{
    public const string Name = "salle-attente";

    /// <summary>The tag of the checks /health/ready runs (and /health); /health/live runs none.</summary>
    public const string Ready = "ready";

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var (admitted, waiting, capacity) = room.Snapshot();
        return Task.FromResult(HealthCheckResult.Healthy(room.Options.Enabled
            ? $"salle d'attente : {waiting} en attente, {admitted} admis sur {capacity}"
            : "salle d'attente : désactivée"));
    }

    public static HealthCheckOptions Options => new()
    {
        Predicate = check => check.Tags.Contains(Ready),
        ResponseWriter = WriteAsync,
    };

    /// <summary>No check at all: the process is up and its pipeline answers.</summary>
    public static HealthCheckOptions Live => new()
    {
        Predicate = _ => false,
        ResponseWriter = WriteAsync,
    };

    private static async Task WriteAsync(HttpContext context, HealthReport report)
    {
        context.Response.ContentType = "text/plain; charset=utf-8";
        var queue = report.Entries.TryGetValue(Name, out var entry) ? "\n" + entry.Description : "";
        await context.Response.WriteAsync(report.Status + queue);
    }
}
