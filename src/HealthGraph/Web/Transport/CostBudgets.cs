using System.Threading.RateLimiting;
using HealthGraph.Api.Engine.Execution;
using Microsoft.Extensions.Options;

namespace HealthGraph.Web.Transport;

/// <summary>
/// What each client may spend in complexity points: a token bucket per client (GraphQL:RateLimit:PointsPerSecond and
/// PointBurst, stricter without a key), charged a request's price once validation has priced it and before it runs, so
/// that a client sending expensive requests is slowed by what they cost, not only by how many they are.
/// </summary>
public sealed class CostBudgets(IOptions<RateLimitOptions> options) : IDisposable
{
    private readonly PartitionedRateLimiter<(string Client, bool Anonymous)> _buckets = PartitionedRateLimiter.Create<(string Client, bool Anonymous), string>(
        key => RateLimitPartition.GetTokenBucketLimiter(key.Client, _ => new TokenBucketRateLimiterOptions
        {
            TokenLimit = key.Anonymous ? options.Value.AnonymousPointBurst : options.Value.PointBurst,
            TokensPerPeriod = key.Anonymous ? options.Value.AnonymousPointsPerSecond : options.Value.PointsPerSecond,
            ReplenishmentPeriod = TimeSpan.FromSeconds(1),
            QueueLimit = 0,
            AutoReplenishment = true,
        }));

    /// <summary>The budget of the client a request comes from.</summary>
    public ICostBudget For(HttpContext context) =>
        options.Value.Enabled ? new Budget(this, (RateLimiting.ClientKey(context), RateLimiting.IsAnonymous(context))) : Unlimited.Instance;

    private int BurstOf(bool anonymous) => anonymous ? options.Value.AnonymousPointBurst : options.Value.PointBurst;

    public void Dispose() => _buckets.Dispose();

    private sealed class Budget(CostBudgets budgets, (string Client, bool Anonymous) key) : ICostBudget
    {
        public TimeSpan? TryCharge(double points)
        {
            // A price over the whole bucket takes the whole bucket: a request the limits admit can always run eventually.
            using var lease = budgets._buckets.AttemptAcquire(key, (int)Math.Min(Math.Ceiling(points), budgets.BurstOf(key.Anonymous)));
            return lease.IsAcquired ? null : lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : TimeSpan.FromSeconds(1);
        }
    }

    private sealed class Unlimited : ICostBudget
    {
        public static Unlimited Instance { get; } = new();

        public TimeSpan? TryCharge(double points) => null;
    }
}

