using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;

namespace EServices.Web.Infrastructure.Api;

/// <summary>Each client's calls share one token bucket, whatever address they come from: a burst of
/// <see cref="ApiOptions.RequestsPerMinute"/> calls, refilled each minute. (The token endpoint is limited like the sign-in
/// pages, per address and per client id, before its secret is checked.)</summary>
public sealed class ApiRateLimit(IOptions<ApiOptions> options) : IDisposable
{
    private readonly PartitionedRateLimiter<string> _buckets = PartitionedRateLimiter.Create<string, string>(client =>
        RateLimitPartition.GetTokenBucketLimiter(client, _ => new TokenBucketRateLimiterOptions
        {
            TokenLimit = options.Value.RequestsPerMinute,
            TokensPerPeriod = options.Value.RequestsPerMinute,
            ReplenishmentPeriod = TimeSpan.FromMinutes(1),
            QueueLimit = 0,
        }));

    /// <summary>Null when the call may go on; otherwise how long to wait.</summary>
    public TimeSpan? Refuse(string clientId)
    {
        using var lease = _buckets.AttemptAcquire(clientId);
        return lease.IsAcquired ? null
            : lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : TimeSpan.FromMinutes(1);
    }

    public void Dispose() => _buckets.Dispose();
}
