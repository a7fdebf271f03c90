using System.ComponentModel.DataAnnotations;
using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace HealthGraph.Web;

/// <summary>Per-client rate limits on the GraphQL endpoint (section <c>GraphQL:RateLimit</c>).</summary>
public sealed class RateLimitOptions
{
    public const string Section = "GraphQL:RateLimit";

    /// <summary>Default: true.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Requests a client may make per second, sustained. Default: 20.</summary>
    [Range(1, 100_000)]
    public int PermitsPerSecond { get; set; } = 20;

    /// <summary>Requests a client may make at once after a quiet spell. Default: 100.</summary>
    [Range(1, 1_000_000)]
    public int Burst { get; set; } = 100;

    /// <summary>Requests a caller with a key or token may have running at once; more wait a little, then get 429. Default: 8.</summary>
    [Range(1, 1_000)]
    public int ConcurrentRequests { get; set; } = 8;

    /// <summary>Requests a caller without a key may have running at once. Default: 4.</summary>
    [Range(1, 1_000)]
    public int AnonymousConcurrentRequests { get; set; } = 4;

    /// <summary>
    /// Complexity points (what a request costs, as GraphQL:Limits:MaxComplexity counts them) a caller with a key or token
    /// may spend per second, sustained. Default: 100,000.
    /// </summary>
    [Range(1, 100_000_000)]
    public int PointsPerSecond { get; set; } = 100_000;

    /// <summary>Points such a caller may spend at once after a quiet spell. Default: 1,000,000 (four of the costliest requests).</summary>
    [Range(1, 1_000_000_000)]
    public int PointBurst { get; set; } = 1_000_000;

    /// <summary>Points a caller without a key may spend per second. Default: 25,000.</summary>
    [Range(1, 100_000_000)]
    public int AnonymousPointsPerSecond { get; set; } = 25_000;

    /// <summary>Points a caller without a key may spend at once. Default: 500,000 (two of the costliest requests).</summary>
    [Range(1, 1_000_000_000)]
    public int AnonymousPointBurst { get; set; } = 500_000;
}

/// <summary>
/// ASP.NET Core's rate limiter, per client (the authenticated caller's name, else the remote address), shared by
/// /graphql and /export: a token bucket of requests chained with a limit on the requests the client has running at
/// once (stricter without a key). A client over either gets 429, <c>Retry-After</c> and the answer its endpoint group
/// chose (<see cref="Rejection"/> in the endpoint's metadata: a GraphQL error with code RATE_LIMITED from /graphql, problem
/// details from /export). A GraphQL request is also charged its price in points, once validation has priced it
/// (<see cref="Transport.CostBudgets"/>).
/// </summary>
public static class RateLimiting
{
    public const string Policy = "graphql-per-client";

    /// <summary>
    /// What an endpoint group answers when the rate limiter turns a request away, after <c>Retry-After</c> is set: the
    /// group's own error shape. Put on the group as metadata (<c>WithMetadata</c>); without one the answer is problem details.
    /// </summary>
    public delegate Task Rejection(HttpContext context, int retryAfterSeconds);

    /// <summary>The answer of a group that chose none: problem details (RFC 9457), as the exports answer every error.</summary>
    public static readonly Rejection Problem = (context, seconds) =>
        Results.Problem($"Too many requests from this client; try again in {seconds} s.", statusCode: StatusCodes.Status429TooManyRequests, title: "Rate limited")
            .ExecuteAsync(context);

    public static IHostApplicationBuilder AddHealthGraphRateLimiting(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<RateLimitOptions>().BindConfiguration(RateLimitOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton<Transport.CostBudgets>();
        builder.Services.AddRateLimiter(limiter =>
        {
            limiter.AddPolicy(Policy, context =>
            {
                var options = context.RequestServices.GetRequiredService<IOptions<RateLimitOptions>>().Value;
                if (!options.Enabled)
                {
                    return RateLimitPartition.GetNoLimiter("off");
                }

                var anonymous = IsAnonymous(context);
                return RateLimitPartition.Get(ClientKey(context), _ => RateLimiter.CreateChained(
                    new TokenBucketRateLimiter(new TokenBucketRateLimiterOptions
                    {
                        TokenLimit = options.Burst,
                        TokensPerPeriod = options.PermitsPerSecond,
                        ReplenishmentPeriod = TimeSpan.FromSeconds(1),
                        QueueLimit = 0,
                        AutoReplenishment = true,
                    }),
                    new ConcurrencyLimiter(new ConcurrencyLimiterOptions
                    {
                        PermitLimit = anonymous ? options.AnonymousConcurrentRequests : options.ConcurrentRequests,
                        QueueLimit = anonymous ? options.AnonymousConcurrentRequests : options.ConcurrentRequests,
                        QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
                    })));
            });
            limiter.OnRejected = RejectAsync;
        });
        return builder;
    }

    /// <summary>Who a request is from, for its limits: the authenticated caller, else the remote address.</summary>
    internal static string ClientKey(HttpContext context) =>
        context.User.Identity is { IsAuthenticated: true, Name: { } name }
            ? $"caller:{name}"
            : $"address:{context.Connection.RemoteIpAddress}";

    /// <summary>A caller without a key or token: its limits are stricter.</summary>
    internal static bool IsAnonymous(HttpContext context) => context.User.Identity?.IsAuthenticated != true;

    private static async ValueTask RejectAsync(OnRejectedContext rejected, CancellationToken cancellationToken)
    {
        var response = rejected.HttpContext.Response;
        var retryAfter = rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : TimeSpan.FromSeconds(1);
        var seconds = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds));
        response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        var answer = rejected.HttpContext.GetEndpoint()?.Metadata.GetMetadata<Rejection>() ?? Problem;
        await answer(rejected.HttpContext, seconds);
    }
}
