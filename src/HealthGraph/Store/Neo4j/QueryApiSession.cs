using Microsoft.Extensions.Options;
using Polly;
using Polly.CircuitBreaker;
using Polly.Retry;
using Polly.Timeout;

namespace HealthGraph.Store.Neo4j;

/// <summary>
/// What outlives one request and one typed HttpClient: the latest bookmarks (read-your-writes), the Aura cluster
/// affinity, and the resilience pipeline, whose circuit breaker must see every request to be of any use.
/// Registered as a singleton; <see cref="QueryApiClient"/> is the transient typed client that uses it.
/// </summary>
/// <remarks>
/// Why a Polly pipeline around send-and-parse instead of the standard HttpClient resilience handler: Neo4j reports
/// most failures, transient ones included, in the body of a 202/200 (or 4xx) as <c>errors[].code</c>. A handler
/// sees only status codes and would either retry nothing (202) or everything; here the predicate sees the parsed
/// <see cref="Neo4jException"/>, and knows whether the request is safe to repeat.
/// </remarks>
public sealed class QueryApiSession
{
    /// <summary>Carries "this request may be repeated" from the caller to the retry predicate.</summary>
    private static readonly ResiliencePropertyKey<bool> s_retryable = new("Neo4j.Retryable");

    private readonly Lock _lock = new();
    private IReadOnlyList<string> _bookmarks = [];
    private string? _clusterAffinity;

    public QueryApiSession(IOptions<Neo4jOptions> options, ILogger<QueryApiSession> logger, TimeProvider timeProvider)
    {
        Options = options.Value;
        Pipeline = CreatePipeline(Options, logger, timeProvider);
    }

    public Neo4jOptions Options { get; }

    /// <summary>Retry (outermost) → circuit breaker → per-attempt timeout.</summary>
    internal ResiliencePipeline Pipeline { get; }

    /// <summary>The bookmarks of the latest response; sent with the next request so it sees that write.</summary>
    public IReadOnlyList<string> Bookmarks
    {
        get { lock (_lock) { return _bookmarks; } }
    }

    /// <summary>The latest <c>neo4j-cluster-affinity</c> header (Aura only); echoed on later requests.</summary>
    public string? ClusterAffinity
    {
        get { lock (_lock) { return _clusterAffinity; } }
    }

    internal void Remember(IReadOnlyList<string> bookmarks, string? clusterAffinity)
    {
        lock (_lock)
        {
            if (bookmarks.Count > 0)
            {
                _bookmarks = bookmarks;
            }

            _clusterAffinity = clusterAffinity ?? _clusterAffinity;
        }
    }

    /// <summary>
    /// Runs one attempt-producing callback through the pipeline; only retryable work is ever repeated. When the
    /// retries are spent on an unreachable server, or the circuit is open, it throws <see cref="StoreUnavailableException"/>
    /// (with the last failure inside); every other failure comes out as it is.
    /// </summary>
    internal async Task<T> ExecuteAsync<T>(bool retryable, Func<CancellationToken, ValueTask<T>> attempt, CancellationToken cancellationToken)
    {
        var context = ResilienceContextPool.Shared.Get(cancellationToken);
        try
        {
            context.Properties.Set(s_retryable, retryable);
            return await Pipeline.ExecuteAsync(static (ctx, attempt) => attempt(ctx.CancellationToken), context, attempt);
        }
        catch (Exception failure) when (Unavailability(failure) is { } reason)
        {
            throw new StoreUnavailableException($"Neo4j at {Options.Uri} is unavailable: {reason}", failure);
        }
        finally
        {
            ResilienceContextPool.Shared.Return(context);
        }
    }

    /// <summary>
    /// Why a failure means that Neo4j cannot be reached (null when it means something else: a bad statement, a
    /// refused credential, a deadlock): no connection, no answer in time, 502/503/504, the database offline, or the
    /// circuit open after repeated failures of these kinds.
    /// </summary>
    internal string? Unavailability(Exception failure) =>
        failure switch
        {
            BrokenCircuitException => "calls are paused after repeated failures (circuit open)",
            TimeoutRejectedException => $"no answer within {Options.Timeout}",
            HttpRequestException http => $"cannot connect ({http.HttpRequestError})",
            Neo4jHttpException { IsTransient: true } http => $"HTTP {(int)http.StatusCode} {http.StatusCode}",
            Neo4jQueryException { Code: DatabaseUnavailable } => DatabaseUnavailable,
            _ => null,
        };

    /// <summary>The database is stopped, starting or being recovered; transient, so retried first.</summary>
    internal const string DatabaseUnavailable = "Neo.TransientError.General.DatabaseUnavailable";

    /// <summary>
    /// The failures the official drivers retry: Neo4j transient codes, 502/503/504, connection failures and
    /// timeouts. Syntax, constraint and auth errors are the caller's to fix and are never repeated.
    /// </summary>
    internal static bool IsTransient(Exception? exception) =>
        exception switch
        {
            Neo4jException neo4j => neo4j.IsTransient,
            HttpRequestException or TimeoutRejectedException => true,
            _ => false,
        };

    private static ResiliencePipeline CreatePipeline(Neo4jOptions options, ILogger logger, TimeProvider timeProvider)
    {
        var builder = new ResiliencePipelineBuilder { TimeProvider = timeProvider };
        if (options.MaxRetryAttempts > 0)
        {
            builder.AddRetry(new RetryStrategyOptions
            {
                MaxRetryAttempts = options.MaxRetryAttempts,
                Delay = options.RetryBaseDelay,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                ShouldHandle = args => ValueTask.FromResult(
                    IsTransient(args.Outcome.Exception) && args.Context.Properties.GetValue(s_retryable, false)),
                OnRetry = args =>
                {
                    logger.LogWarning(
                        args.Outcome.Exception,
                        "Neo4j request failed transiently; retry {Retry} of {MaxRetries} in {Delay}",
                        args.AttemptNumber + 1,
                        options.MaxRetryAttempts,
                        args.RetryDelay);
                    return default;
                },
            });
        }

        return builder
            .AddCircuitBreaker(new CircuitBreakerStrategyOptions
            {
                FailureRatio = options.CircuitBreakerFailureRatio,
                MinimumThroughput = options.CircuitBreakerMinimumThroughput,
                SamplingDuration = options.CircuitBreakerSamplingDuration,
                BreakDuration = options.CircuitBreakerBreakDuration,
                // Only an unhealthy server counts; a syntax error says nothing about the server's health.
                ShouldHandle = args => ValueTask.FromResult(IsTransient(args.Outcome.Exception)),
            })
            .AddTimeout(options.Timeout)
            .Build();
    }
}
