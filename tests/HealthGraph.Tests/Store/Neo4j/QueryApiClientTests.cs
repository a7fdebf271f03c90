using System.Net;
using System.Text;
using HealthGraph.Store;
using HealthGraph.Store.Neo4j;
using HealthGraph.Store.Neo4j.Client;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Polly.CircuitBreaker;
using Polly.Timeout;

namespace HealthGraph.Tests.Store.Neo4j;

/// <summary>
/// The Query API client against a local listener that answers with the real server's bodies (<see cref="QueryApiBodies"/>),
/// for what the real server cannot be made to show on demand: transient errors and what is retried, an unavailable
/// database, a proxy's 502, a slow answer, the circuit breaker, Aura's cluster affinity, a bearer token, older servers'
/// flat values. The rest of the client's behaviour is tested on the real server (QueryApiClientServerTests).
/// </summary>
public sealed class QueryApiClientTests : IAsyncLifetime
{
    private const string SyntaxError = QueryApiBodies.SyntaxError;

    private const string DeadlockDetected = QueryApiBodies.DeadlockDetected;

    private static readonly Dictionary<string, object?> s_whoParameters = new() { ["id"] = "who" };

    private FakeNeo4jServer _server = null!;
    private readonly List<IHost> _hosts = [];

    public async Task InitializeAsync() => _server = await FakeNeo4jServer.StartAsync();

    public async Task DisposeAsync()
    {
        foreach (var host in _hosts)
        {
            host.Dispose();
        }

        await _server.DisposeAsync();
    }

    /// <summary>The client as the application would get it: AddNeo4jClient over configuration, pointed at the listener.</summary>
    private QueryApiClient CreateClient(params (string Key, string? Value)[] settings)
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        var configuration = new Dictionary<string, string?>
        {
            ["Neo4j:Uri"] = _server.Uri.ToString(),
            ["Neo4j:User"] = "neo4j",
            ["Neo4j:Password"] = "verysecret",
            ["Neo4j:RetryBaseDelay"] = "00:00:00.001",
        };
        foreach (var (key, value) in settings)
        {
            configuration[key] = value;
        }

        builder.Configuration.AddInMemoryCollection(configuration);
        builder.Services.AddLogging();
        builder.AddNeo4jClient();
        var host = builder.Build();
        _hosts.Add(host);
        return host.Services.GetRequiredService<QueryApiClient>();
    }

    private static string Basic(string user, string password) =>
        "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes($"{user}:{password}"));

    [Fact]
    public async Task AReadSendsStatementParametersAndAccessModeReadWithBasicAuth()
    {
        var client = CreateClient();

        await client.RunAsync(QueryRequest.Read("MATCH (a:Agency {id: $id}) RETURN a.name AS name", s_whoParameters));

        var request = Assert.Single(_server.Received);
        Assert.Equal(("POST", "/db/neo4j/query/v2"), (request.Method, request.Path));
        Assert.Equal("""{"statement":"MATCH (a:Agency {id: $id}) RETURN a.name AS name","parameters":{"id":"who"},"accessMode":"Read"}""", request.Sent);
        Assert.NotNull(request.Attempt);
        Assert.Equal(Basic("neo4j", "verysecret"), request.Authorization);
        Assert.Equal("application/json", request.Accept);
    }

    [Fact]
    public async Task ATokenIsSentAsBearerAuthentication()
    {
        var client = CreateClient(("Neo4j:User", null), ("Neo4j:Password", null), ("Neo4j:Token", "eyJhbGciOi.sso.token"));

        await client.RunAsync(QueryRequest.Read("RETURN 1 AS one", new Dictionary<string, object?>()));

        Assert.Equal("Bearer eyJhbGciOi.sso.token", Assert.Single(_server.Received).Authorization);
    }

    [Fact]
    public async Task AFlatValuesListIsCutIntoRowsOfTheFieldCount()
    {
        _server.Reply(HttpStatusCode.Accepted, """{"data":{"fields":["id","n"],"values":["who",1,"ilo",2]},"bookmarks":[]}""");
        var client = CreateClient();

        var result = await client.RunAsync(QueryRequest.Read("MATCH (a:Agency) RETURN a.id AS id, count(*) AS n", s_whoParameters));

        Assert.Equal([("who", 1L), ("ilo", 2L)], result.Rows.Select(r => ((string?)r["id"], (long?)r["n"])));
    }

    /// <summary>Servers before 5.26 and 2025.11 answer errors with 202 or 200 and the same body (the real one gives 400).</summary>
    [Theory]
    [InlineData(HttpStatusCode.Accepted)]
    [InlineData(HttpStatusCode.OK)]
    public async Task ASyntaxErrorIsSurfacedWithCodeAndMessageWhateverTheStatus_AndNotRetried(HttpStatusCode status)
    {
        _server.Reply(status, SyntaxError);
        var client = CreateClient();

        var error = await Assert.ThrowsAsync<Neo4jQueryException>(() => client.RunAsync(QueryRequest.Read("MATC (n) RETURN n", s_whoParameters)));

        Assert.Equal(("Neo.ClientError.Statement.SyntaxError", "Invalid input 'MATC': expected a valid clause", status), (error.Code, error.ServerMessage, error.StatusCode));
        Assert.False(error.IsTransient);
        Assert.Single(_server.Received);
    }

    [Fact]
    public async Task ATransientErrorOnAReadIsRetriedOnceThenSucceeds()
    {
        _server.Reply(HttpStatusCode.Accepted, DeadlockDetected)
            .Reply(HttpStatusCode.Accepted, """{"data":{"fields":["n"],"values":[[1]]},"bookmarks":["FB:2"]}""");
        var client = CreateClient();

        var result = await client.RunAsync(QueryRequest.Read("RETURN 1 AS n", s_whoParameters));

        Assert.Equal(1L, Assert.Single(result.Rows)["n"]);
        Assert.Equal(2, _server.Received.Count);
        Assert.Single(_server.Received.Select(r => r.Sent).Distinct());
        Assert.Equal(2, _server.Received.Select(r => r.Attempt).Distinct().Count()); // each attempt marks its own transaction
    }

    [Fact]
    public async Task ATransientErrorIsRetriedUpToMaxRetryAttemptsThenSurfaced()
    {
        for (var i = 0; i < 3; i++)
        {
            _server.Reply(HttpStatusCode.Accepted, DeadlockDetected);
        }

        var client = CreateClient(("Neo4j:MaxRetryAttempts", "2"));

        var error = await Assert.ThrowsAsync<Neo4jQueryException>(() => client.RunAsync(QueryRequest.Read("RETURN 1", s_whoParameters)));

        Assert.Equal("Neo.TransientError.Transaction.DeadlockDetected", error.Code);
        Assert.Equal(3, _server.Received.Count);
    }

    [Fact]
    public async Task ATransientErrorOnAWriteNotMarkedIdempotentIsNotRetried()
    {
        _server.Reply(HttpStatusCode.Accepted, DeadlockDetected);
        var client = CreateClient();

        var error = await Assert.ThrowsAsync<Neo4jQueryException>(() => client.RunAsync(new QueryRequest("CREATE (:Agency {id: $id})", s_whoParameters)));

        Assert.True(error.IsTransient);
        Assert.Single(_server.Received);
    }

    [Fact]
    public async Task AnIdempotentWriteIsRetriedAfterA503WithoutErrorBody()
    {
        _server.Reply(HttpStatusCode.ServiceUnavailable, "<html>upstream unavailable</html>");
        var client = CreateClient();

        await client.RunAsync(new QueryRequest("MERGE (:Agency {id: $id})", s_whoParameters) { Idempotent = true });

        Assert.Equal(2, _server.Received.Count);
    }

    [Fact]
    public async Task DatabaseUnavailableAfterTheRetriesMeansTheStoreIsUnavailable()
    {
        const string Unavailable = QueryApiBodies.DatabaseUnavailable;
        _server.Reply(HttpStatusCode.Accepted, Unavailable).Reply(HttpStatusCode.Accepted, Unavailable);
        var client = CreateClient(("Neo4j:MaxRetryAttempts", "1"));

        var error = await Assert.ThrowsAsync<StoreUnavailableException>(() => client.RunAsync(QueryRequest.Read("RETURN 1", s_whoParameters)));

        Assert.Equal("Neo.TransientError.General.DatabaseUnavailable", Assert.IsType<Neo4jQueryException>(error.InnerException).Code);
        Assert.Equal(2, _server.Received.Count);
    }

    [Theory]
    [InlineData("Neo.TransientError.Transaction.Terminated")]
    [InlineData("Neo.TransientError.Transaction.LockClientStopped")]
    [InlineData("Neo.ClientError.Schema.ConstraintValidationFailed")]
    public async Task CodesTheDriversDoNotRetryAreNotRetried(string code)
    {
        _server.Reply(HttpStatusCode.Accepted, $$"""{"errors":[{"code":"{{code}}","message":"no"}]}""");
        var client = CreateClient();

        var error = await Assert.ThrowsAsync<Neo4jQueryException>(() => client.RunAsync(QueryRequest.Read("RETURN 1", s_whoParameters)));

        Assert.Equal(code, error.Code);
        Assert.Single(_server.Received);
    }

    [Fact]
    public async Task NotALeaderIsRetried()
    {
        _server.Reply(HttpStatusCode.Accepted, """{"errors":[{"code":"Neo.ClientError.Cluster.NotALeader","message":"No write operations are allowed"}]}""");
        var client = CreateClient();

        await client.RunAsync(new QueryRequest("MERGE (:Agency {id: $id})", s_whoParameters) { Idempotent = true });

        Assert.Equal(2, _server.Received.Count);
    }

    /// <summary>A read with no answer in time would most likely time out again, at several times the cost: it is not repeated.</summary>
    [Fact]
    public async Task ARequestTimesOutAfterTheConfiguredTimeout_AndIsNotRepeated()
    {
        _server.Reply(HttpStatusCode.Accepted, FakeNeo4jServer.EmptySuccess, delay: TimeSpan.FromSeconds(30))
            .Reply(HttpStatusCode.Accepted, FakeNeo4jServer.EmptySuccess, delay: TimeSpan.FromSeconds(30));
        // A second per attempt: long enough that a busy machine still delivers the attempt before it times out.
        var client = CreateClient(("Neo4j:Timeout", "00:00:01"), ("Neo4j:MaxRetryAttempts", "3"));

        var error = await Assert.ThrowsAsync<StoreUnavailableException>(() => client.RunAsync(QueryRequest.Read("RETURN 1", s_whoParameters)));

        Assert.IsType<TimeoutRejectedException>(error.InnerException);
        // The statement once, then (in the background) the statement that stops its transaction, found by its attempt.
        for (var waited = 0; _server.Received.Count < 2 && waited < 100; waited++)
        {
            await Task.Delay(50);
        }

        var received = _server.Received.ToArray();
        Assert.Equal(2, received.Length);
        Assert.Equal("""{"statement":"RETURN 1","parameters":{"id":"who"},"accessMode":"Read"}""", received[0].Sent);
        Assert.Contains("TERMINATE TRANSACTIONS", received[1].Body, StringComparison.Ordinal);
        Assert.Contains(received[0].Attempt!, received[1].Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheCircuitOpensAfterRepeatedTransientFailuresAndStopsCallingTheServer()
    {
        _server.Reply(HttpStatusCode.BadGateway, "").Reply(HttpStatusCode.BadGateway, "");
        var client = CreateClient(
            ("Neo4j:MaxRetryAttempts", "0"), ("Neo4j:CircuitBreakerMinimumThroughput", "2"), ("Neo4j:CircuitBreakerFailureRatio", "1"));

        var failures = new List<Exception?>();
        for (var i = 0; i < 3; i++)
        {
            failures.Add((await Assert.ThrowsAsync<StoreUnavailableException>(() => client.RunAsync(QueryRequest.Read("RETURN 1", s_whoParameters)))).InnerException);
        }

        Assert.Equal([typeof(Neo4jHttpException), typeof(Neo4jHttpException), typeof(BrokenCircuitException)], failures.Select(f => f?.GetType()));
        Assert.Equal(2, _server.Received.Count);
    }

    [Fact]
    public async Task TheLatestBookmarksAreSentWithTheNextRequest()
    {
        _server.Reply(HttpStatusCode.Accepted, """{"data":{"fields":[],"values":[]},"bookmarks":["FB:after-write"]}""");
        var client = CreateClient();

        await client.RunAsync(new QueryRequest("MERGE (:Agency {id: $id})", s_whoParameters));
        await client.RunAsync(QueryRequest.Read("MATCH (a:Agency {id: $id}) RETURN a", s_whoParameters));

        Assert.Equal(
            """{"statement":"MATCH (a:Agency {id: $id}) RETURN a","parameters":{"id":"who"},"bookmarks":["FB:after-write"],"accessMode":"Read"}""",
            _server.Received.Last().Sent);
    }

    /// <summary>
    /// Aura pins an explicit transaction to the member that opened it with the neo4j-cluster-affinity header: every later
    /// request of that transaction carries it, and nothing else does (an implicit query is routed afresh); the bookmarks
    /// the next request waits for are the commit's.
    /// </summary>
    [Fact]
    public async Task ATransactionCarriesItsOwnAffinity_AndLeavesOnlyItsCommitsBookmarksBehind()
    {
        _server.Reply(HttpStatusCode.Accepted, QueryApiBodies.TransactionOpened, affinity: "aff-1")
            .Reply(HttpStatusCode.Accepted, QueryApiBodies.TransactionStatement)
            .Reply(HttpStatusCode.Accepted, QueryApiBodies.Committed)
            .Reply(HttpStatusCode.Accepted, FakeNeo4jServer.EmptySuccess, affinity: "aff-2");
        var client = CreateClient();

        await client.RunInTransactionAsync(tx => tx.RunAsync(new QueryRequest("MERGE (:Agency {id: $id})", s_whoParameters)));
        await client.RunAsync(QueryRequest.Read("RETURN 1", s_whoParameters));
        await client.RunAsync(QueryRequest.Read("RETURN 2", s_whoParameters));

        Assert.Equal(
            [
                ("POST", "/db/neo4j/query/v2/tx", null, "{}"),
                ("POST", "/db/neo4j/query/v2/tx/lyU", "aff-1", """{"statement":"MERGE (:Agency {id: $id})","parameters":{"id":"who"}}"""),
                ("POST", "/db/neo4j/query/v2/tx/lyU/commit", "aff-1", "{}"),
                ("POST", "/db/neo4j/query/v2", null, """{"statement":"RETURN 1","parameters":{"id":"who"},"bookmarks":["FB:committed"],"accessMode":"Read"}"""),
                ("POST", "/db/neo4j/query/v2", null, $$"""{"statement":"RETURN 2","parameters":{"id":"who"},"bookmarks":{{BookmarksOf(FakeNeo4jServer.EmptySuccess)}},"accessMode":"Read"}"""),
            ],
            _server.Received.Select(r => (r.Method, r.Path, r.Affinity, r.Sent)));
    }

    /// <summary>A deadlock fails the attempt on the server, which rolls it back: the whole unit of work runs again, in a new transaction.</summary>
    [Fact]
    public async Task AUnitOfWorkThatNeo4jFailsTransientlyRunsAgainFromTheStart()
    {
        _server.Reply(HttpStatusCode.Accepted, QueryApiBodies.TransactionOpened)
            .Reply(HttpStatusCode.Accepted, DeadlockDetected)
            .Reply(HttpStatusCode.OK, "")
            .Reply(HttpStatusCode.Accepted, QueryApiBodies.TransactionOpened)
            .Reply(HttpStatusCode.Accepted, QueryApiBodies.TransactionStatement)
            .Reply(HttpStatusCode.Accepted, QueryApiBodies.Committed);
        var client = CreateClient();
        var runs = 0;

        await client.RunInTransactionAsync(async tx =>
        {
            runs++;
            return await tx.RunAsync(new QueryRequest("MATCH (a:Agency {id: $id}) SET a.n = 1", s_whoParameters));
        });

        Assert.Equal(2, runs);
        Assert.Equal(
            ["POST /db/neo4j/query/v2/tx", "POST /db/neo4j/query/v2/tx/lyU", "DELETE /db/neo4j/query/v2/tx/lyU", "POST /db/neo4j/query/v2/tx", "POST /db/neo4j/query/v2/tx/lyU", "POST /db/neo4j/query/v2/tx/lyU/commit"],
            _server.Received.Select(r => $"{r.Method} {r.Path}"));
    }

    private static string BookmarksOf(string body) => System.Text.Json.Nodes.JsonNode.Parse(body)!["bookmarks"]!.ToJsonString();

    [Theory]
    [InlineData("Neo4j:Uri", "localhost:7474", "Neo4j:Uri must be an absolute http or https URI")]
    [InlineData("Neo4j:Uri", "bolt://localhost:7687", "Neo4j:Uri must be an absolute http or https URI")]
    [InlineData("Neo4j:Password", null, "Neo4j:User and Neo4j:Password (Basic authentication) or Neo4j:Token (Bearer authentication) must be set")]
    [InlineData("Neo4j:Token", "also-a-token", "Neo4j:User and Neo4j:Password (Basic authentication) or Neo4j:Token (Bearer authentication) must be set, not both")]
    [InlineData("Neo4j:Timeout", "00:00:00", "Neo4j:Timeout must be between 10 ms and 1 hour")]
    [InlineData("Neo4j:Database", "neo4j/../system", "Neo4j:Database may hold only letters, digits, dots and dashes")]
    public void AWrongSettingFailsValidationWithAMessageNamingIt(string key, string? value, string message)
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Neo4j:Uri"] = "http://localhost:7474",
            ["Neo4j:User"] = "neo4j",
            ["Neo4j:Password"] = "verysecret",
            [key] = value,
        });
        builder.AddNeo4jClient();
        using var host = builder.Build();

        var error = Assert.Throws<OptionsValidationException>(() => host.Services.GetRequiredService<IOptions<Neo4jOptions>>().Value);

        Assert.Contains(error.Failures, f => f.Contains(message, StringComparison.Ordinal));
    }

    [Fact]
    public void AMissingUriFailsValidationWithAMessageNamingIt()
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["Neo4j:Token"] = "t" });
        builder.AddNeo4jClient();
        using var host = builder.Build();

        var error = Assert.Throws<OptionsValidationException>(() => host.Services.GetRequiredService<IOptions<Neo4jOptions>>().Value);

        Assert.Contains("Neo4j:Uri must be an absolute http or https URI, such as http://localhost:7474", Assert.Single(error.Failures), StringComparison.Ordinal);
    }
}
