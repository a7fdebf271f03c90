using HealthGraph.Store;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace HealthGraph.Hosting;

/// <summary>Readiness: the store answers a query.</summary>
public sealed class StoreHealthCheck(IGraphStore store) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var statistics = await store.GetStatisticsAsync(cancellationToken);
        return HealthCheckResult.Healthy($"{statistics.NodeCount} nodes, {statistics.RelationshipCount} relationships");
    }
}

public static class HealthEndpoints
{
    private const string ReadyTag = "ready";

    public static IHostApplicationBuilder AddHealthGraphHealthChecks(this IHostApplicationBuilder builder)
    {
        builder.Services.AddHealthChecks().AddCheck<StoreHealthCheck>("store", tags: [ReadyTag]);
        return builder;
    }

    /// <summary>/health/live: the process answers; /health/ready: the store answers too (503 when it does not).</summary>
    public static WebApplication MapHealthGraphHealthChecks(this WebApplication app)
    {
        app.MapHealthChecks("/health/live", new() { Predicate = _ => false });
        app.MapHealthChecks("/health/ready", new() { Predicate = check => check.Tags.Contains(ReadyTag) });
        return app;
    }
}
