using Microsoft.Extensions.Options;
using Polly;
using Polly.CircuitBreaker;
using Polly.Retry;
using Polly.Timeout;

namespace HealthGraph.Store.Neo4j.Client;

/// <summary>
/// What outlives one request and one typed HttpClient: the latest bookmarks (read-your-writes) and the resilience
/// pipelines, whose circuit breaker must see every request to be of any use. (Aura's cluster affinity is not here: it
/// belongs to one explicit transaction, see <see cref="QueryApiTransaction"/>.)
/// Registered as a singleton; <see cref="QueryApiClient"/> is the transient typed client that uses it.
/// </summary>
/// <remarks>
/// Why a Polly pipeline around send-and-parse instead of the standard HttpClient resilience handler: Neo4j reports
/// most failures, transient ones included, in the body of a 202/200 (or 4xx) as <c>errors[].code</c>. A handler
/// sees only status codes and would either retry nothing (202) or everything; here the predicate sees the parsed
/// <see cref="Neo4jException"/>, and knows whether the request is safe to repeat.
/// </remarks>
public sealed class QueryApiSession : IDisposable
{
    /// <summary>Carries "this request may be repeated" from the caller to the retry predicate.</summary>
    private static readonly ResiliencePropertyKey<bool> s_retryable = new("Neo4j.Retryable");

    private readonly Lock _lock = new();
    private IReadOnlyList<string> _bookmarks = [];

    public QueryApiSession(IOptions<Neo4jOptions> options, ILogger<QueryApiSession> logger, TimeProvider timeProvider)
    {
        Options = options.Value;
        Pipeline = CreatePipeline(Options, logger, timeProvider);
        UnitOfWorkPipeline = CreateUnitOfWorkPipeline(Options, logger, timeProvider);
        _transactionSlots = new SemaphoreSlim(Options.MaxConcurrentTransactions, Options.MaxConcurrentTransactions);
    }

    /// <summary>
    /// Explicit transactions open at once from this process. A transaction that waits for a lock holds one of the
    /// server's few HTTP worker threads while the transaction holding the lock needs another to commit; beyond a few at
    /// once they queue here instead of there.
    /// </summary>
    private readonly SemaphoreSlim _transactionSlots;

    public Neo4jOptions Options { get; }

    /// <summary>Per HTTP request: retry (outermost) → circuit breaker → per-attempt timeout.</summary>
    internal ResiliencePipeline Pipeline { get; }

    /// <summary>Per explicit transaction: the whole unit of work again, after a transient failure Neo4j reported.</summary>
    internal ResiliencePipeline UnitOfWorkPipeline { get; }

    /// <summary>The bookmarks of the latest response; sent with the next request so it sees that write.</summary>
    public IReadOnlyList<string> Bookmarks
    {
        get { lock (_lock) { return _bookmarks; } }
    }

    public void Dispose() => _transactionSlots.Dispose();

    /// <summary>Keeps the bookmarks of an implicit transaction's or a commit's answer (a statement inside a transaction has none).</summary>
    internal void RememberBookmarks(IReadOnlyList<string> bookmarks)
    {
        if (bookmarks.Count == 0)
        {
            return;
        }

        lock (_lock)
        {
            _bookmarks = bookmarks;
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
    /// Runs a unit of work (an explicit transaction from begin to commit) through <see cref="UnitOfWorkPipeline"/>, which
    /// starts it again after a transient failure that Neo4j reported, such as a deadlock.
    /// </summary>
    internal async Task<T> ExecuteUnitOfWorkAsync<T>(Func<CancellationToken, Task<T>> unitOfWork, CancellationToken cancellationToken)
    {
        var context = ResilienceContextPool.Shared.Get(cancellationToken);
        try
        {
            return await UnitOfWorkPipeline.ExecuteAsync(
                static async (ctx, state) =>
                {
                    // A slot per attempt: a transaction waiting to be tried again does not hold one.
                    await state.Slots.WaitAsync(ctx.CancellationToken);
                    try
                    {
                        return await state.UnitOfWork(ctx.CancellationToken);
                    }
                    finally
                    {
                        state.Slots.Release();
                    }
                },
                context,
                (Slots: _transactionSlots, UnitOfWork: unitOfWork));
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
    /// The failures a request is repeated after: Neo4j's transient codes, 502/503/504 and connection failures, as the
    /// official drivers retry them. Syntax, constraint and auth errors are the caller's to fix and are never repeated;
    /// nor is a request that got no answer in time: it would most likely time out again, at several times the cost.
    /// </summary>
    internal static bool IsTransient(Exception? exception) =>
        exception switch
        {
            Neo4jException neo4j => neo4j.IsTransient,
            HttpRequestException => true,
            _ => false,
        };

    /// <summary>The failures that say the server is in trouble, for the circuit breaker: the transient ones and timeouts.</summary>
    internal static bool IsServerTrouble(Exception? exception) => IsTransient(exception) || exception is TimeoutRejectedException;

    /// <summary>A unit of work is repeated only after Neo4j said it failed transiently: then the server rolled it back.</summary>
    internal static bool IsReportedTransient(Exception? exception) => exception is Neo4jQueryException { IsTransient: true };

    private static ResiliencePipeline CreatePipeline(Neo4jOptions options, ILogger logger, TimeProvider timeProvider) =>
        WithRetry(
            new ResiliencePipelineBuilder { TimeProvider = timeProvider },
            options,
            logger,
            args => IsTransient(args.Outcome.Exception) && args.Context.Properties.GetValue(s_retryable, false),
            "request")
            .AddCircuitBreaker(new CircuitBreakerStrategyOptions
            {
                FailureRatio = options.CircuitBreakerFailureRatio,
                MinimumThroughput = options.CircuitBreakerMinimumThroughput,
                SamplingDuration = options.CircuitBreakerSamplingDuration,
                BreakDuration = options.CircuitBreakerBreakDuration,
                // Only an unhealthy server counts; a syntax error says nothing about the server's health.
                ShouldHandle = args => ValueTask.FromResult(IsServerTrouble(args.Outcome.Exception)),
            })
            .AddTimeout(options.Timeout)
            .Build();

    private static ResiliencePipeline CreateUnitOfWorkPipeline(Neo4jOptions options, ILogger logger, TimeProvider timeProvider) =>
        WithRetry(new ResiliencePipelineBuilder { TimeProvider = timeProvider }, options, logger, args => IsReportedTransient(args.Outcome.Exception), "transaction")
            .Build();

    /// <summary>
    /// Adds the retry both pipelines share (Neo4j:MaxRetryAttempts, exponential backoff with jitter from
    /// Neo4j:RetryBaseDelay, a warning per retry) for the failures <paramref name="shouldRetry"/> picks; none when retries are off.
    /// </summary>
    private static ResiliencePipelineBuilder WithRetry(
        ResiliencePipelineBuilder builder, Neo4jOptions options, ILogger logger, Func<RetryPredicateArguments<object>, bool> shouldRetry, string what)
    {
        if (options.MaxRetryAttempts == 0)
        {
            return builder;
        }

        return builder.AddRetry(new RetryStrategyOptions
        {
            MaxRetryAttempts = options.MaxRetryAttempts,
            Delay = options.RetryBaseDelay,
            BackoffType = DelayBackoffType.Exponential,
            UseJitter = true,
            ShouldHandle = args => ValueTask.FromResult(shouldRetry(args)),
            OnRetry = args =>
            {
                logger.LogWarning(
                    args.Outcome.Exception,
                    "Neo4j {What} failed transiently; trying it again ({Retry} of {MaxRetries}) in {Delay}",
                    what,
                    args.AttemptNumber + 1,
                    options.MaxRetryAttempts,
                    args.RetryDelay);
                return default;
            },
        });
    }
}
