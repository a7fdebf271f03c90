using System.Net;
using System.Net.Http.Headers;
using System.Text;

namespace HealthGraph.Store.Neo4j.Client;

/// <summary>
/// Runs Cypher over Neo4j's Query API (<c>POST /db/{database}/query/v2</c>, 5.19+; explicit transactions 5.26+):
/// plain HTTP and JSON, so no Bolt driver is needed. A typed HttpClient; the state that must outlive it
/// (bookmarks, affinity, circuit breaker) lives in the singleton <see cref="QueryApiSession"/>.
/// </summary>
public sealed class QueryApiClient(HttpClient httpClient, QueryApiSession session, ILogger<QueryApiClient> logger)
{
    /// <summary>Aura pins a client to a cluster member with this header; it must come back on every later request.</summary>
    public const string ClusterAffinityHeader = "neo4j-cluster-affinity";

    private const int MaxBodyInMessage = 500;

    /// <summary>Where the client logs; the store logs its own steps there too.</summary>
    internal ILogger Logger => logger;

    /// <summary>The client's settings.</summary>
    public Neo4jOptions Options => session.Options;

    private string DatabasePath => $"db/{Uri.EscapeDataString(session.Options.Database)}/query/v2";

    /// <summary>
    /// Sets what every request carries: the base address, the credentials and <c>Accept: application/json</c>.
    /// The HttpClient's own timeout is switched off because the pipeline times each attempt.
    /// </summary>
    public static void Configure(HttpClient client, Neo4jOptions options)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(options.Uri);
        client.BaseAddress = new Uri(options.Uri.AbsoluteUri.TrimEnd('/') + "/");
        client.Timeout = Timeout.InfiniteTimeSpan;
        client.DefaultRequestHeaders.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        client.DefaultRequestHeaders.Authorization = string.IsNullOrEmpty(options.Token)
            ? new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{options.User}:{options.Password}")))
            : new AuthenticationHeaderValue("Bearer", options.Token);
    }

    /// <summary>
    /// Runs one statement in its own (implicit) transaction, with the latest bookmarks so it sees earlier writes.
    /// Transient failures are retried when <see cref="QueryRequest.IsRetryable"/>.
    /// </summary>
    public Task<QueryResult> RunAsync(QueryRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        return session.ExecuteAsync(
            request.IsRetryable,
            async token =>
            {
                // Built per attempt, so a retry carries the bookmarks known by then. The attempt's own parameter marks its
                // transaction, so that a cancelled attempt (its request timed out or went away) can be found and stopped.
                var attempt = Guid.NewGuid().ToString("N");
                var body = QueryApiJson.CreateBody(request with { Parameters = WithAttempt(request.Parameters, attempt) }, session.Bookmarks);
                using var stop = token.Register(() => TerminateInBackground(attempt));
                var response = await SendAsync(HttpMethod.Post, DatabasePath, body, clusterAffinity: null, token);
                session.RememberBookmarks(response.Body.Bookmarks);
                return ToResult(response.Body);
            },
            cancellationToken);
    }

    /// <summary>The parameter that marks an implicit transaction with its attempt's id (SHOW TRANSACTIONS lists parameters).</summary>
    internal const string AttemptParameter = "hgAttempt";

    private static Dictionary<string, object?> WithAttempt(IReadOnlyDictionary<string, object?> parameters, string attempt) =>
        new(parameters, StringComparer.Ordinal) { [AttemptParameter] = attempt };

    /// <summary>
    /// Stops the server's transaction of a cancelled attempt: the Query API has no way to cancel a statement, and closing
    /// the connection does not stop it, so it is found by its attempt parameter and terminated (TERMINATE TRANSACTIONS,
    /// which Community has). In the background, with a short timeout of its own; a failure is only logged (the server's
    /// db.transaction.timeout is the backstop).
    /// </summary>
    private void TerminateInBackground(string attempt)
    {
        _ = Task.Run(async () =>
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            try
            {
                var body = QueryApiJson.CreateBody(
                    new QueryRequest(CypherResources.Get("terminate_attempt"), new Dictionary<string, object?> { ["attempt"] = attempt }), null);
                await SendAsync(HttpMethod.Post, DatabasePath, body, clusterAffinity: null, timeout.Token);
            }
            catch (Exception e) when (e is HttpRequestException or OperationCanceledException or Neo4jException or System.Text.Json.JsonException)
            {
                logger.LogDebug(e, "Could not stop the Neo4j transaction of a cancelled request; the server's transaction timeout will");
            }
        });
    }

    /// <summary>
    /// Opens an explicit transaction (<c>POST …/query/v2/tx</c>), waiting for the latest bookmarks. Retried like a read:
    /// opening changes nothing.
    /// </summary>
    public Task<QueryApiTransaction> BeginTransactionAsync(CancellationToken cancellationToken = default) =>
        session.ExecuteAsync(
            retryable: true,
            async token =>
            {
                var body = new StatementBody(null, null, null, session.Bookmarks is { Count: > 0 } b ? b : null, null);
                var response = await SendAsync(HttpMethod.Post, $"{DatabasePath}/tx", body, clusterAffinity: null, token);
                var id = response.Body.TransactionId
                    ?? throw new Neo4jHttpException(HttpStatusCode.OK, "the response to opening a transaction has no transaction id");

                // The affinity belongs to this transaction alone (Aura routes its later requests by it).
                return new QueryApiTransaction(this, id, response.ClusterAffinity);
            },
            cancellationToken);

    /// <summary>
    /// Runs <paramref name="work"/> as one explicit transaction, as the official drivers' managed transactions do: commits
    /// if it returns, rolls back if it throws, and runs it again from the start, in a new transaction, when Neo4j
    /// failed it with a transient error (a deadlock, a lock wait that timed out): the server rolled that attempt back,
    /// so repeating it is safe. Up to <see cref="Neo4jOptions.MaxRetryAttempts"/> times; every other failure surfaces.
    /// The work must be safe to repeat as a whole (it must not keep results of a failed attempt).
    /// </summary>
    public Task<T> RunInTransactionAsync<T>(Func<QueryApiTransaction, Task<T>> work, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(work);
        return session.ExecuteUnitOfWorkAsync(
            async token =>
            {
                var transaction = await BeginTransactionAsync(token);
                T result;
                try
                {
                    result = await work(transaction);
                }
                catch (Exception failure)
                {
                    await transaction.TryRollbackAsync(failure, CancellationToken.None);
                    throw;
                }

                await transaction.CommitAsync(token);
                return result;
            },
            cancellationToken);
    }

    internal Task<QueryResult> RunInTransactionAsync(QueryApiTransaction transaction, QueryRequest request, CancellationToken cancellationToken) =>
        session.ExecuteAsync(
            retryable: false,
            async token =>
            {
                // Routing and bookmarks belong to the transaction, set when it opened.
                var body = new StatementBody(request.Statement, request.Parameters, request.IncludeCounters ? true : null, null, null);
                var response = await SendAsync(HttpMethod.Post, $"{DatabasePath}/tx/{Uri.EscapeDataString(transaction.Id)}", body, transaction.ClusterAffinity, token);
                return ToResult(response.Body);
            },
            cancellationToken);

    internal Task<QueryResult> CommitAsync(QueryApiTransaction transaction, CancellationToken cancellationToken) =>
        session.ExecuteAsync(
            retryable: false,
            async token =>
            {
                var body = new StatementBody(null, null, null, null, null);
                var response = await SendAsync(HttpMethod.Post, $"{DatabasePath}/tx/{Uri.EscapeDataString(transaction.Id)}/commit", body, transaction.ClusterAffinity, token);

                // The commit's bookmarks are the session's from now on, so the next request sees these writes.
                session.RememberBookmarks(response.Body.Bookmarks);
                return ToResult(response.Body);
            },
            cancellationToken);

    /// <summary>Rolls back; Neo4j answers 200 with an empty body (measured on 5.26.30).</summary>
    internal Task RollbackAsync(QueryApiTransaction transaction, CancellationToken cancellationToken) =>
        session.ExecuteAsync(
            retryable: false,
            async token =>
            {
                await SendAsync(
                    HttpMethod.Delete, $"{DatabasePath}/tx/{Uri.EscapeDataString(transaction.Id)}", null, transaction.ClusterAffinity, token, emptyBodyIsSuccess: true);
                return true;
            },
            cancellationToken);

    internal void LogRollbackFailure(Exception rollbackFailure, Exception originalFailure, string transactionId) =>
        logger.LogWarning(
            rollbackFailure,
            "Rolling back Neo4j transaction {TransactionId} after {Failure} failed; the server drops it when it times out",
            transactionId,
            originalFailure.GetType().Name);

    /// <summary>
    /// One HTTP exchange. <c>errors[]</c> is read whatever the status: older servers answer 202 for everything,
    /// newer ones (2025.11+) derive a 4xx/5xx from the GQL status, with the same body (doc §2.4).
    /// </summary>
    private async Task<(QueryApiJson.Response Body, string? ClusterAffinity)> SendAsync(
        HttpMethod method, string path, StatementBody? body, string? clusterAffinity, CancellationToken cancellationToken, bool emptyBodyIsSuccess = false)
    {
        using var request = new HttpRequestMessage(method, path);
        if (body is not null)
        {
            request.Content = JsonContent.Create(body, options: QueryApiJson.Options);
        }

        if (clusterAffinity is not null)
        {
            request.Headers.TryAddWithoutValidation(ClusterAffinityHeader, clusterAffinity);
        }

        using var response = await httpClient.SendAsync(request, cancellationToken);
        // The body's UTF-8 bytes, parsed as they are: half the memory of the same body as a string, for large answers.
        var answer = await response.Content.ReadAsByteArrayAsync(cancellationToken);
        var affinity = response.Headers.TryGetValues(ClusterAffinityHeader, out var values) ? values.FirstOrDefault() : null;
        if (emptyBodyIsSuccess && response.IsSuccessStatusCode && IsBlank(answer))
        {
            return (QueryApiJson.Response.Empty, affinity);
        }

        var parsed = TryParse(answer, response.IsSuccessStatusCode);

        if (response.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden
            || parsed?.Error?.Code.StartsWith("Neo.ClientError.Security.Unauthorized", StringComparison.Ordinal) == true)
        {
            throw new Neo4jAuthenticationException(response.StatusCode, parsed?.Error?.Code, parsed?.Error?.Message);
        }

        if (parsed?.Error is { } error)
        {
            throw new Neo4jQueryException(error.Code, error.Message, response.StatusCode);
        }

        if (!response.IsSuccessStatusCode || parsed is null)
        {
            var text = System.Text.Encoding.UTF8.GetString(answer, 0, Math.Min(answer.Length, MaxBodyInMessage * 4));
            throw new Neo4jHttpException(response.StatusCode, text.Length > MaxBodyInMessage ? text[..MaxBodyInMessage] : text);
        }

        return (parsed, affinity);
    }

    /// <summary>A failed status may come from a proxy with an HTML page; a successful one must be Query API JSON.</summary>
    private static QueryApiJson.Response? TryParse(byte[] body, bool success)
    {
        if (success)
        {
            return QueryApiJson.Parse(body);
        }

        try
        {
            return IsBlank(body) ? null : QueryApiJson.Parse(body);
        }
        catch (System.Text.Json.JsonException)
        {
            return null;
        }
    }

    private static bool IsBlank(byte[] body) => body.All(b => b is (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n');

    private static QueryResult ToResult(QueryApiJson.Response response) =>
        new(response.Fields, response.Rows, response.Counters, response.Bookmarks);
}

/// <summary>
/// An open explicit transaction. Every request in it goes to <c>…/query/v2/tx/{id}</c> with the affinity header
/// the server gave when it opened, because on Aura only that member knows the transaction. The server drops an
/// idle transaction after <c>server.queryapi.transaction_idle_timeout</c> (1 minute by default).
/// </summary>
public sealed class QueryApiTransaction
{
    private readonly QueryApiClient _client;

    internal QueryApiTransaction(QueryApiClient client, string id, string? clusterAffinity)
    {
        _client = client;
        Id = id;
        ClusterAffinity = clusterAffinity;
    }

    /// <summary>The server's transaction id (<c>transaction.id</c> of the opening response).</summary>
    public string Id { get; }

    /// <summary>The <c>neo4j-cluster-affinity</c> header of the opening response, sent with every later request.</summary>
    public string? ClusterAffinity { get; }

    /// <summary>Runs one statement in this transaction; not retried, since a failure usually closes the transaction.</summary>
    public Task<QueryResult> RunAsync(QueryRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        return _client.RunInTransactionAsync(this, request, cancellationToken);
    }

    /// <summary>Commits; the response's bookmarks become the session's, so the next request sees these writes.</summary>
    public Task CommitAsync(CancellationToken cancellationToken = default) => _client.CommitAsync(this, cancellationToken);

    /// <summary>Rolls back (<c>DELETE …/tx/{id}</c>).</summary>
    public Task RollbackAsync(CancellationToken cancellationToken = default) => _client.RollbackAsync(this, cancellationToken);

    /// <summary>
    /// Rolls back after <paramref name="failure"/>. A failed rollback is logged, not thrown: the transaction may
    /// already be closed by the error, and the original failure is the one the caller needs.
    /// </summary>
    internal async Task TryRollbackAsync(Exception failure, CancellationToken cancellationToken)
    {
        try
        {
            await RollbackAsync(cancellationToken);
        }
        catch (Exception rollbackFailure) when (rollbackFailure is Neo4jException or StoreUnavailableException)
        {
            _client.LogRollbackFailure(rollbackFailure, failure, Id);
        }
    }
}
