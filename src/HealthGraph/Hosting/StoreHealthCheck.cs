using HealthGraph.Store;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace HealthGraph.Hosting;

/// <summary>Readiness: the store answers a query. Unhealthy, with what failed, while the store is unavailable.</summary>
public sealed class StoreHealthCheck(IGraphStore store) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            var statistics = await store.GetStatisticsAsync(cancellationToken);
            return HealthCheckResult.Healthy($"{statistics.NodeCount} nodes, {statistics.RelationshipCount} relationships");
        }
        catch (StoreUnavailableException outage)
        {
            return new HealthCheckResult(context.Registration.FailureStatus, outage.Message);
        }
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
        app.MapHealthChecks("/health/ready", new() { Predicate = check => check.Tags.Contains(ReadyTag), ResponseWriter = WriteStatusAsync });
        return app;
    }

    /// <summary>The status ("Healthy"), then a line "check: description" for each check that is not healthy.</summary>
    private static Task WriteStatusAsync(HttpContext context, HealthReport report)
    {
        var problems = report.Entries.Where(e => e.Value.Status != HealthStatus.Healthy).Select(e => $"{e.Key}: {e.Value.Description}");
        context.Response.ContentType = "text/plain; charset=utf-8";
        return context.Response.WriteAsync(string.Join('\n', [report.Status.ToString(), .. problems]));
    }
}
