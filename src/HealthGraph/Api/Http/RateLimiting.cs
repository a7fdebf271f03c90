using System.ComponentModel.DataAnnotations;
using System.Globalization;
using System.Threading.RateLimiting;
using GraphQL;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace HealthGraph.Api.Http;

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
}

/// <summary>
/// ASP.NET Core's rate limiter with one token bucket per client: the authenticated caller's name, else the remote
/// address, shared by /graphql and /export. A client over its limit gets 429, <c>Retry-After</c> and a GraphQL error with
/// code RATE_LIMITED (problem details from /export).
/// </summary>
public static class RateLimiting
{
    public const string Policy = "graphql-per-client";

    public static IHostApplicationBuilder AddHealthGraphRateLimiting(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<RateLimitOptions>().BindConfiguration(RateLimitOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddRateLimiter(limiter =>
        {
            limiter.AddPolicy(Policy, context =>
            {
                var options = context.RequestServices.GetRequiredService<IOptions<RateLimitOptions>>().Value;
                if (!options.Enabled)
                {
                    return RateLimitPartition.GetNoLimiter("off");
                }

                return RateLimitPartition.GetTokenBucketLimiter(ClientKey(context), _ => new TokenBucketRateLimiterOptions
                {
                    TokenLimit = options.Burst,
                    TokensPerPeriod = options.PermitsPerSecond,
                    ReplenishmentPeriod = TimeSpan.FromSeconds(1),
                    QueueLimit = 0,
                    AutoReplenishment = true,
                });
            });
            limiter.OnRejected = RejectAsync;
        });
        return builder;
    }

    private static string ClientKey(HttpContext context) =>
        context.User.Identity is { IsAuthenticated: true, Name: { } name }
            ? $"caller:{name}"
            : $"address:{context.Connection.RemoteIpAddress}";

    private static async ValueTask RejectAsync(OnRejectedContext rejected, CancellationToken cancellationToken)
    {
        var response = rejected.HttpContext.Response;
        var retryAfter = rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : TimeSpan.FromSeconds(1);
        var seconds = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds));
        response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        if (rejected.HttpContext.Request.Path.StartsWithSegments(Exports.ExportEndpoints.Path, StringComparison.Ordinal))
        {
            // A file download, not a GraphQL request: the exports' error shape.
            await Results.Problem($"Too many requests from this client; try again in {seconds} s.", statusCode: StatusCodes.Status429TooManyRequests, title: "Rate limited")
                .ExecuteAsync(rejected.HttpContext);
            return;
        }

        await GraphQLHttpEndpoint.WriteErrorAsync(
            rejected.HttpContext, rejected.HttpContext.RequestServices.GetRequiredService<IGraphQLTextSerializer>(), GraphQLMediaTypes.Json,
            StatusCodes.Status429TooManyRequests, "RATE_LIMITED", $"Too many requests from this client; try again in {seconds} s.");
    }
}
