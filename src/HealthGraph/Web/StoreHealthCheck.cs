using HealthGraph.Store;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace HealthGraph.Web;

/// <summary>
/// Readiness: the store answers a query. Unhealthy while the store is unavailable: the answer says only that, and what
/// failed (Neo4j's address, the SQLite file's path, the cause) goes to the log as one warning per failed check, since
/// anyone may call the probe.
/// </summary>
public sealed class StoreHealthCheck(IGraphStore store, ILogger<StoreHealthCheck> logger) : IHealthCheck
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
            logger.LogWarning("Readiness check failed: {Reason}", outage.Message);
            return new HealthCheckResult(context.Registration.FailureStatus, "The store is unavailable (the reason is logged as a warning).");
        }
    }
}

public static class HealthEndpoints
{
    private const string ReadyTag = "ready";

    public static IHostApplicationBuilder AddHealthGraphHealthChecks(this IHostApplicationBuilder builder)
    {
        builder.Services.AddHealthChecks()
            .AddCheck<StoreHealthCheck>("store", tags: [ReadyTag])
            .AddCheck<Transport.ResultCacheHealthCheck>("resultCache");
        return builder;
    }

    /// <summary>
    /// /health/live: the process answers; /health/ready: the store answers too (503 when it does not); /health: both,
    /// with the result cache's figures.
    /// </summary>
    public static WebApplication MapHealthGraphHealthChecks(this WebApplication app)
    {
        app.MapHealthChecks("/health/live", new() { Predicate = _ => false });
        app.MapHealthChecks("/health/ready", new() { Predicate = check => check.Tags.Contains(ReadyTag), ResponseWriter = WriteStatusAsync });
        app.MapHealthChecks("/health", new() { ResponseWriter = WriteStatusAsync });
        return app;
    }

    /// <summary>
    /// The status ("Healthy"), then a line "check: unavailable" for each check that is not healthy, and a line of figures
    /// for each healthy check that has some (the result cache's size and hit rate, on /health). Never a check's
    /// description or exception: anyone may call the probe, and what failed is for operators (the log).
    /// </summary>
    private static Task WriteStatusAsync(HttpContext context, HealthReport report)
    {
        var problems = report.Entries.Where(e => e.Value.Status != HealthStatus.Healthy).Select(e => $"{e.Key}: unavailable");
        // The result cache's figures (entries, bytes, hit rate): how it does, not what it holds.
        var figures = report.Entries.Where(e => e.Value.Status == HealthStatus.Healthy && e.Value.Data.Count > 0)
            .Select(e => $"{e.Key}: {string.Join(", ", e.Value.Data.Select(d => string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{d.Key} {d.Value}")))}");
        context.Response.ContentType = "text/plain; charset=utf-8";
        return context.Response.WriteAsync(string.Join('\n', [report.Status.ToString(), .. problems, .. figures]));
    }
}
