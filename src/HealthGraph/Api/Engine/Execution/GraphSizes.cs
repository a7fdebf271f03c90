using GraphQL;
using GraphQL.DI;
using HealthGraph.Store;

namespace HealthGraph.Api.Engine.Execution;

/// <summary>
/// How big the graph is (entities per kind, relationships per type), for pricing a request by the rows it may read
/// before it runs. Read from the store at most once a minute and shared by every request: sizes move slowly, and a
/// price needs their order of magnitude, not their last digit. While the store cannot be read, the last sizes known
/// stand (none at first: the request then fails on the store anyway).
/// </summary>
public sealed class GraphSizes(IGraphStore store, TimeProvider clock, ILogger<GraphSizes> logger) : IDisposable
{
    /// <summary>How long sizes read from the store are used before they are read again.</summary>
    public static readonly TimeSpan MaxAge = TimeSpan.FromMinutes(1);

    private readonly SemaphoreSlim _reading = new(1, 1);
    private (GraphStatistics Statistics, DateTimeOffset At)? _known;

    /// <summary>The sizes, read again when they are older than <see cref="MaxAge"/> (one reader at a time).</summary>
    public async Task<GraphStatistics> GetAsync(CancellationToken cancellationToken)
    {
        if (_known is { } known && clock.GetUtcNow() - known.At < MaxAge)
        {
            return known.Statistics;
        }

        await _reading.WaitAsync(cancellationToken);
        try
        {
            if (_known is { } fresh && clock.GetUtcNow() - fresh.At < MaxAge)
            {
                return fresh.Statistics;
            }

            var statistics = await store.GetStatisticsAsync(cancellationToken);
            _known = (statistics, clock.GetUtcNow());
            return statistics;
        }
        catch (StoreUnavailableException e)
        {
            logger.LogDebug(e, "The graph's sizes could not be read for pricing; the last known are used");
            return _known?.Statistics ?? s_empty;
        }
        finally
        {
            _reading.Release();
        }
    }

    public void Dispose() => _reading.Dispose();

    private static readonly GraphStatistics s_empty = new(new Dictionary<string, long>(), new Dictionary<string, long>());
}

/// <summary>
/// Puts the graph's sizes into the request before it is validated, where the complexity analyzer prices it, and tells
/// the client what the request cost: <c>extensions.cost</c> holds the price and the most one request may cost
/// (GraphQL:Limits:MaxComplexity), so a client can see how close a query is to the limit before it meets it.
/// </summary>
public sealed class GraphSizesForPricing(GraphSizes sizes) : IConfigureExecution
{
    /// <summary>The response extension that carries the request's price.</summary>
    public const string CostExtension = "cost";

    /// <summary>After the request's user context is made (ConfigureExecutionOptions), before validation.</summary>
    public float SortOrder => 150;

    public async Task<ExecutionResult> ExecuteAsync(ExecutionOptions options, ExecutionDelegate next)
    {
        var request = GraphRequest.Of(options.UserContext);
        request.Sizes = await sizes.GetAsync(options.CancellationToken);
        var result = await next(options);
        if (request.Price > 0)
        {
            result.Extensions ??= new Dictionary<string, object?>(StringComparer.Ordinal);
            result.Extensions[CostExtension] = new Dictionary<string, object?>(StringComparer.Ordinal)
            {
                ["requested"] = Math.Ceiling(request.Price),
                ["limit"] = request.Limits.MaxComplexity,
            };
        }

        return result;
    }
}
