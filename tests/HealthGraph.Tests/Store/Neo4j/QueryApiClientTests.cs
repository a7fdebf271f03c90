using System.Net;
using System.Text;
using HealthGraph.Store;
using HealthGraph.Store.Neo4j;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Polly.CircuitBreaker;
using Polly.Timeout;

namespace HealthGraph.Tests.Store.Neo4j;

/// <summary>
/// The Query API client against a local listener that answers with the documented bodies
/// (shared/docs/neo4j-query-api.md §2): what goes on the wire, how answers and errors are read, what is retried.
/// </summary>
public sealed class QueryApiClientTests : IAsyncLifetime
{
    private const string SyntaxError =
        """{"errors":[{"code":"Neo.ClientError.Statement.SyntaxError","message":"Invalid input 'MATC': expected a valid clause"}]}""";

    private const string DeadlockDetected =
        """{"errors":[{"code":"Neo.TransientError.Transaction.DeadlockDetected","message":"ForsetiClient[1] can't acquire ExclusiveLock"}]}""";

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
        Assert.Equal("""{"statement":"MATCH (a:Agency {id: $id}) RETURN a.name AS name","parameters":{"id":"who"},"accessMode":"Read"}""", request.Body);
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
    public async Task AWriteWithCountersSendsIncludeCountersAndNoAccessMode_AndReadsTheCounters()
    {
        _server.Reply(HttpStatusCode.Accepted, """
            {"data":{"fields":[],"values":[]},
             "counters":{"containsUpdates":true,"nodesCreated":1,"nodesDeleted":0,"propertiesSet":2,"relationshipsCreated":0,
                         "relationshipsDeleted":0,"labelsAdded":1,"labelsRemoved":0,"indexesAdded":0,"indexesRemoved":0,
                         "constraintsAdded":0,"constraintsRemoved":0,"containsSystemUpdates":false,"systemUpdates":0},
             "bookmarks":["FB:kcwQ/wTfJf8rS1WY+GiIKXsCXg6Q"]}
            """);
        var client = CreateClient();

        var result = await client.RunAsync(new QueryRequest("MERGE (a:Agency {id: $id})", s_whoParameters) { IncludeCounters = true });

        Assert.Equal("""{"statement":"MERGE (a:Agency {id: $id})","parameters":{"id":"who"},"includeCounters":true}""", Assert.Single(_server.Received).Body);
        Assert.Equal(new QueryCounters { ContainsUpdates = true, NodesCreated = 1, PropertiesSet = 2, LabelsAdded = 1 }, result.Counters);
        Assert.Equal(["FB:kcwQ/wTfJf8rS1WY+GiIKXsCXg6Q"], result.Bookmarks);
    }

    [Fact]
    public async Task RowsMapNodesRelationshipsPathsAndScalars()
    {
        const string Who = """{"elementId":"4:ff04:1","labels":["Agency"],"properties":{"id":"who","founded":1948}}""";
        const string Target = """{"elementId":"4:ff04:2","labels":["SdgTarget"],"properties":{"code":"3.8"}}""";
        const string Rel = """{"elementId":"5:ff04:9","startNodeElementId":"4:ff04:1","endNodeElementId":"4:ff04:2","type":"CONTRIBUTES_TO","properties":{"weight":0.5}}""";
        _server.Reply(HttpStatusCode.Accepted, $$"""
            {"data":{"fields":["a","r","p","name","tags"],
                     "values":[[{{Who}},{{Rel}},[{{Who}},{{Rel}},{{Target}}],"WHO",["health",null,true]]]},
             "bookmarks":["FB:1"]}
            """);
        var client = CreateClient();

        var result = await client.RunAsync(QueryRequest.Read("MATCH p = (a)-[r]->(t) RETURN a, r, p, a.name AS name, a.tags AS tags", s_whoParameters));

        var row = Assert.Single(result.Rows);
        Assert.Equal(["a", "r", "p", "name", "tags"], result.Fields);
        var agency = Assert.IsType<Neo4jNode>(row["a"]);
        Assert.Equal(("4:ff04:1", "who", 1948L), (agency.ElementId, agency.Properties["id"], agency.Properties["founded"]));
        Assert.Equal(["Agency"], agency.Labels);
        var relationship = Assert.IsType<Neo4jRelationship>(row["r"]);
        Assert.Equal(("5:ff04:9", "4:ff04:1", "4:ff04:2", "CONTRIBUTES_TO", 0.5), (relationship.ElementId, relationship.StartNodeElementId, relationship.EndNodeElementId, relationship.Type, relationship.Properties["weight"]));
        var path = Assert.IsType<Neo4jPath>(row["p"]);
        Assert.Equal(["4:ff04:1", "4:ff04:2"], path.Nodes.Select(n => n.ElementId));
        Assert.Equal("CONTRIBUTES_TO", Assert.Single(path.Relationships).Type);
        Assert.Equal("WHO", row["name"]);
        Assert.Equal(new List<object?> { "health", null, true }, row["tags"]);
    }

    [Fact]
    public async Task AFlatValuesListIsCutIntoRowsOfTheFieldCount()
    {
        _server.Reply(HttpStatusCode.Accepted, """{"data":{"fields":["id","n"],"values":["who",1,"ilo",2]},"bookmarks":[]}""");
        var client = CreateClient();

        var result = await client.RunAsync(QueryRequest.Read("MATCH (a:Agency) RETURN a.id AS id, count(*) AS n", s_whoParameters));

        Assert.Equal([("who", 1L), ("ilo", 2L)], result.Rows.Select(r => ((string?)r["id"], (long?)r["n"])));
    }

    [Theory]
    [InlineData(HttpStatusCode.Accepted)]
    [InlineData(HttpStatusCode.OK)]
    [InlineData(HttpStatusCode.BadRequest)]
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
    public async Task A401IsAnAuthenticationErrorNamingTheCredentialSettings()
    {
        _server.Reply(HttpStatusCode.Unauthorized, """{"errors":[{"code":"Neo.ClientError.Security.Unauthorized","message":"Invalid username or password."}]}""");
        var client = CreateClient();

        var error = await Assert.ThrowsAsync<Neo4jAuthenticationException>(() => client.RunAsync(QueryRequest.Read("RETURN 1", s_whoParameters)));

        Assert.Equal("Neo.ClientError.Security.Unauthorized", error.Code);
        Assert.Contains("Invalid username or password.", error.Message, StringComparison.Ordinal);
        Assert.Contains("Neo4j:User and Neo4j:Password, or Neo4j:Token", error.Message, StringComparison.Ordinal);
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
        Assert.Single(_server.Received.Select(r => r.Body).Distinct());
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
        const string Unavailable = """{"errors":[{"code":"Neo.TransientError.General.DatabaseUnavailable","message":"Database 'neo4j' is unavailable."}]}""";
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

    [Fact]
    public async Task EachAttemptTimesOutAfterTheConfiguredTimeout()
    {
        _server.Reply(HttpStatusCode.Accepted, FakeNeo4jServer.EmptySuccess, delay: TimeSpan.FromSeconds(30))
            .Reply(HttpStatusCode.Accepted, FakeNeo4jServer.EmptySuccess, delay: TimeSpan.FromSeconds(30));
        // A second per attempt: long enough that a busy machine still delivers each attempt before it times out.
        var client = CreateClient(("Neo4j:Timeout", "00:00:01"), ("Neo4j:MaxRetryAttempts", "1"));

        var error = await Assert.ThrowsAsync<StoreUnavailableException>(() => client.RunAsync(QueryRequest.Read("RETURN 1", s_whoParameters)));

        Assert.IsType<TimeoutRejectedException>(error.InnerException);
        Assert.Equal(2, _server.Received.Count);
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
            _server.Received.Last().Body);
    }

    [Fact]
    public async Task TheClusterAffinityHeaderIsEchoedOnLaterRequests()
    {
        _server.Reply(HttpStatusCode.Accepted, FakeNeo4jServer.EmptySuccess, affinity: "MTAuOC41Ljc6MTc0NzQ=");
        var client = CreateClient();

        await client.RunAsync(QueryRequest.Read("RETURN 1", s_whoParameters));
        await client.RunAsync(QueryRequest.Read("RETURN 2", s_whoParameters));

        Assert.Equal([null, "MTAuOC41Ljc6MTc0NzQ="], _server.Received.Select(r => r.Affinity));
    }

    [Fact]
    public async Task ATransactionBeginsRunsAndCommitsOnItsIdWithItsAffinity()
    {
        _server.Reply(HttpStatusCode.Accepted, """{"data":{"fields":[],"values":[]},"bookmarks":[],"transaction":{"id":"lyU","expires":"2024-10-22T15:48:29Z"}}""", affinity: "aff-1")
            .Reply(HttpStatusCode.Accepted, """{"data":{"fields":[],"values":[]},"bookmarks":[],"transaction":{"id":"lyU","expires":"2024-10-22T15:48:29Z"}}""")
            .Reply(HttpStatusCode.Accepted, """{"data":{"fields":[],"values":[]},"bookmarks":["FB:committed"]}""");
        var client = CreateClient();

        await client.RunInTransactionAsync(tx => tx.RunAsync(new QueryRequest("MERGE (:Agency {id: $id})", s_whoParameters)));
        await client.RunAsync(QueryRequest.Read("RETURN 1", s_whoParameters));

        Assert.Equal(
            [
                ("POST", "/db/neo4j/query/v2/tx", null, "{}"),
                ("POST", "/db/neo4j/query/v2/tx/lyU", "aff-1", """{"statement":"MERGE (:Agency {id: $id})","parameters":{"id":"who"}}"""),
                ("POST", "/db/neo4j/query/v2/tx/lyU/commit", "aff-1", "{}"),
                ("POST", "/db/neo4j/query/v2", "aff-1", """{"statement":"RETURN 1","parameters":{"id":"who"},"bookmarks":["FB:committed"],"accessMode":"Read"}"""),
            ],
            _server.Received.Select(r => (r.Method, r.Path, r.Affinity, r.Body)));
    }

    [Fact]
    public async Task ATransactionIsRolledBackWhenTheWorkFails_AndTheFailureSurfaces()
    {
        _server.Reply(HttpStatusCode.Accepted, """{"data":{"fields":[],"values":[]},"bookmarks":[],"transaction":{"id":"lyU","expires":"2024-10-22T15:48:29Z"}}""")
            .Reply(HttpStatusCode.Accepted, SyntaxError);
        var client = CreateClient();

        var error = await Assert.ThrowsAsync<Neo4jQueryException>(() =>
            client.RunInTransactionAsync(tx => tx.RunAsync(new QueryRequest("MATC (n)", s_whoParameters))));

        Assert.Equal("Neo.ClientError.Statement.SyntaxError", error.Code);
        Assert.Equal(
            [("POST", "/db/neo4j/query/v2/tx"), ("POST", "/db/neo4j/query/v2/tx/lyU"), ("DELETE", "/db/neo4j/query/v2/tx/lyU")],
            _server.Received.Select(r => (r.Method, r.Path)));
    }

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
