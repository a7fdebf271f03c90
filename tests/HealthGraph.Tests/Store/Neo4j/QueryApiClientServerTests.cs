using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using HealthGraph.Store.Neo4j.Client;
using HealthGraph.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace HealthGraph.Tests.Store.Neo4j;

/// <summary>
/// The Query API client against the real Neo4j server: how answers, errors and explicit transactions are read, and how
/// concurrent transactions meet (deadlocks, lock waits).
/// </summary>
[Collection(Neo4jTests.Name)]
[Trait(Neo4jTests.Category, Neo4jTests.Name)]
public sealed class QueryApiClientServerTests(Neo4jServerFixture server) : IAsyncLifetime
{
    private readonly List<IHost> _hosts = [];

    private static readonly Dictionary<string, object?> s_noParameters = [];

    public Task InitializeAsync() => server.ResetAsync();

    public Task DisposeAsync()
    {
        foreach (var host in _hosts)
        {
            host.Dispose();
        }

        return Task.CompletedTask;
    }

    private QueryApiClient CreateClient(params (string Key, string Value)[] settings)
    {
        var host = server.CreateHost(settings: settings.ToDictionary(s => s.Key, s => s.Value));
        _hosts.Add(host);
        return host.Services.GetRequiredService<QueryApiClient>();
    }

    private static Dictionary<string, object?> Parameters(params (string Name, object? Value)[] parameters) =>
        parameters.ToDictionary(p => p.Name, p => p.Value);

    [Fact]
    public async Task RowsMapNodesRelationshipsPathsAndScalars()
    {
        var client = CreateClient();
        await client.RunAsync(new QueryRequest(
            "CREATE (:ClientTest:Agency {id: 'who', founded: 1948})-[:CONTRIBUTES_TO {weight: 0.5}]->(:ClientTest:SdgTarget {code: '3.8'})", s_noParameters));

        var result = await client.RunAsync(QueryRequest.Read(
            """
            MATCH p = (a:Agency {id: $id})-[r]->(t)
            RETURN a, r, p, toUpper(a.id) AS name, ['health', null, true] AS tags, 9007199254740993 AS big, 1.0 AS one
            """,
            Parameters(("id", "who"))));

        var row = Assert.Single(result.Rows);
        Assert.Equal(["a", "r", "p", "name", "tags", "big", "one"], result.Fields);
        var agency = Assert.IsType<Neo4jNode>(row["a"]);
        Assert.Equal(("who", 1948L), (agency.Properties["id"], agency.Properties["founded"]));
        Assert.Equal(["Agency", "ClientTest"], agency.Labels.Order(StringComparer.Ordinal));
        var relationship = Assert.IsType<Neo4jRelationship>(row["r"]);
        Assert.Equal(("CONTRIBUTES_TO", 0.5, agency.ElementId), (relationship.Type, relationship.Properties["weight"], relationship.StartNodeElementId));
        var path = Assert.IsType<Neo4jPath>(row["p"]);
        Assert.Equal([agency.ElementId, relationship.EndNodeElementId], path.Nodes.Select(n => n.ElementId));
        Assert.Equal("CONTRIBUTES_TO", Assert.Single(path.Relationships).Type);
        Assert.Equal("WHO", row["name"]);
        Assert.Equal(new List<object?> { "health", null, true }, row["tags"]);
        Assert.Equal(9007199254740993L, row["big"]);
        Assert.Equal(1.0, row["one"]);
    }

    [Fact]
    public async Task AWriteWithCountersReadsTheCountersAndTheBookmarks_WhichTheNextRequestWaitsFor()
    {
        var client = CreateClient();

        var result = await client.RunAsync(new QueryRequest("CREATE (:ClientTest {id: $id, name: 'x'})", Parameters(("id", "who"))) { IncludeCounters = true });

        Assert.Equal(new QueryCounters { ContainsUpdates = true, NodesCreated = 1, PropertiesSet = 2, LabelsAdded = 1 }, result.Counters);
        Assert.NotEmpty(result.Bookmarks);
        Assert.Equal(result.Bookmarks, _hosts[0].Services.GetRequiredService<QueryApiSession>().Bookmarks);
    }

    [Fact]
    public async Task ASyntaxErrorIsSurfacedWithItsCodeAndMessage_AndIsNotTransient()
    {
        var client = CreateClient();

        var error = await Assert.ThrowsAsync<Neo4jQueryException>(() => client.RunAsync(QueryRequest.Read("MATC (n) RETURN n", s_noParameters)));

        Assert.Equal(("Neo.ClientError.Statement.SyntaxError", HttpStatusCode.BadRequest), (error.Code, error.StatusCode));
        Assert.StartsWith("Invalid input 'MATC'", error.ServerMessage, StringComparison.Ordinal);
        Assert.False(error.IsTransient);
    }

    [Fact]
    public async Task AWrongPasswordIsAnAuthenticationErrorNamingTheCredentialSettings()
    {
        var client = CreateClient(("Neo4j:Password", "not-the-password"));

        var error = await Assert.ThrowsAsync<Neo4jAuthenticationException>(() => client.RunAsync(QueryRequest.Read("RETURN 1", s_noParameters)));

        Assert.Equal((HttpStatusCode.Unauthorized, "Neo.ClientError.Security.Unauthorized"), (error.StatusCode, error.Code));
        Assert.Contains("Neo4j:User and Neo4j:Password, or Neo4j:Token", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnUnknownDatabaseIsNamedInTheError()
    {
        var client = CreateClient(("Neo4j:Database", "nosuchdatabase"));

        var error = await Assert.ThrowsAsync<Neo4jQueryException>(() => client.RunAsync(QueryRequest.Read("RETURN 1", s_noParameters)));

        Assert.Equal(("Neo.ClientError.Database.DatabaseNotFound", HttpStatusCode.NotFound), (error.Code, error.StatusCode));
        Assert.Contains("nosuchdatabase", error.ServerMessage, StringComparison.Ordinal);
    }

    /// <summary>
    /// A unit of work commits all its statements or none: when a statement fails, the transaction is rolled back (the
    /// server answers the rollback with 200 and an empty body) and the statement's own error is what surfaces.
    /// </summary>
    [Fact]
    public async Task ATransactionCommitsAllOrNothing_AndAFailedStatementsOwnErrorSurfaces()
    {
        var client = CreateClient();

        var written = await client.RunInTransactionAsync(async tx =>
        {
            await tx.RunAsync(new QueryRequest("CREATE (:ClientTest {id: 'kept'})", s_noParameters));
            return await tx.RunAsync(new QueryRequest("MATCH (n:ClientTest) RETURN count(n) AS n", s_noParameters));
        });
        var error = await Assert.ThrowsAsync<Neo4jQueryException>(() => client.RunInTransactionAsync(async tx =>
        {
            await tx.RunAsync(new QueryRequest("CREATE (:ClientTest {id: 'rolled-back'})", s_noParameters));
            return await tx.RunAsync(new QueryRequest("MATC (n) RETURN n", s_noParameters));
        }));
        var explicitRollback = await client.BeginTransactionAsync();
        await explicitRollback.RunAsync(new QueryRequest("CREATE (:ClientTest {id: 'also-rolled-back'})", s_noParameters));
        await explicitRollback.RollbackAsync();

        Assert.Equal(1L, Assert.Single(written.Rows)["n"]);
        Assert.Equal("Neo.ClientError.Statement.SyntaxError", error.Code);
        var ids = await client.RunAsync(QueryRequest.Read("MATCH (n:ClientTest) RETURN n.id AS id", s_noParameters));
        Assert.Equal(["kept"], ids.Rows.Select(r => (string?)r["id"]));
    }

    /// <summary>
    /// Two units of work that lock two nodes in opposite orders deadlock: Neo4j fails one of them at once
    /// (DeadlockDetected) and rolls it back, and the client runs that one again from the start, so both complete.
    /// </summary>
    [Fact]
    public async Task TwoUnitsOfWorkThatDeadlockBothComplete_TheOneNeo4jFailedRunsAgain()
    {
        var client = CreateClient();
        await client.RunAsync(new QueryRequest("CREATE (:ClientTest {id: 'a', n: 0}), (:ClientTest {id: 'b', n: 0})", s_noParameters));
        using var bothLockedOne = new Barrier(2);
        var attempts = 0;

        Task<QueryResult> LockBothAsync(string first, string second) => client.RunInTransactionAsync(async tx =>
        {
            var attempt = Interlocked.Increment(ref attempts);
            await tx.RunAsync(new QueryRequest("MATCH (n:ClientTest {id: $id}) SET n.n = n.n + 1", Parameters(("id", first))));
            if (attempt <= 2)
            {
                await Task.Run(() => bothLockedOne.SignalAndWait(TimeSpan.FromSeconds(20)));
            }

            return await tx.RunAsync(new QueryRequest("MATCH (n:ClientTest {id: $id}) SET n.n = n.n + 1", Parameters(("id", second))));
        });

        await Task.WhenAll(LockBothAsync("a", "b"), LockBothAsync("b", "a"));

        Assert.Equal(3, attempts);
        var counts = await client.RunAsync(QueryRequest.Read("MATCH (n:ClientTest) RETURN n.id AS id, n.n AS n ORDER BY id", s_noParameters));
        Assert.Equal([("a", 2L), ("b", 2L)], counts.Rows.Select(r => ((string?)r["id"], (long?)r["n"])));
    }

    /// <summary>
    /// A write waits for another transaction's lock for db.lock.acquisition.timeout at most (set by docker-compose.yml and
    /// on the test server), then fails with a transient error, which a unit of work would run again.
    /// </summary>
    [Fact]
    public async Task AWriteWaitsForALockOnlyAsLongAsTheServerAllows()
    {
        var client = CreateClient(("Neo4j:MaxRetryAttempts", "0"));
        await client.RunAsync(new QueryRequest("CREATE (:ClientTest {id: 'held'})", s_noParameters));
        var holder = await client.BeginTransactionAsync();
        await holder.RunAsync(new QueryRequest("MATCH (n:ClientTest {id: 'held'}) SET n.by = 'holder'", s_noParameters));

        var error = await Assert.ThrowsAsync<Neo4jQueryException>(() => client.RunInTransactionAsync(tx =>
            tx.RunAsync(new QueryRequest("MATCH (n:ClientTest {id: 'held'}) SET n.by = 'waiter'", s_noParameters))));
        await holder.RollbackAsync();

        Assert.Equal("Neo.TransientError.Transaction.LockAcquisitionTimeout", error.Code);
        Assert.True(error.IsTransient);
    }

    /// <summary>
    /// The fake server's bodies (<see cref="QueryApiBodies"/>) have the shape and status of the real server's answers to
    /// the same requests: the same keys at every level, the same kinds of values.
    /// </summary>
    [Fact]
    public async Task TheFakeServersBodiesHaveTheRealServersShapes()
    {
        using var http = new HttpClient { BaseAddress = new Uri(server.Uri, "db/neo4j/query/v2/") };
        http.DefaultRequestHeaders.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue(
            "Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{server.User}:{server.Password}")));

        async Task<(HttpStatusCode Status, string Body)> SendAsync(HttpMethod method, string path, string? body, string? password = null)
        {
            using var request = new HttpRequestMessage(method, path)
            {
                Content = body is null ? null : new StringContent(body, Encoding.UTF8, "application/json"),
            };
            if (password is not null)
            {
                request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{server.User}:{password}")));
            }

            using var response = await http.SendAsync(request);
            return (response.StatusCode, await response.Content.ReadAsStringAsync());
        }

        var empty = await SendAsync(HttpMethod.Post, "", """{"statement":"MATCH (n:NoSuchLabel) SET n.x = 1"}""");
        var syntax = await SendAsync(HttpMethod.Post, "", """{"statement":"MATC (n)"}""");
        var unauthorized = await SendAsync(HttpMethod.Post, "", """{"statement":"RETURN 1"}""", password: "not-the-password");
        var opened = await SendAsync(HttpMethod.Post, "tx", "{}");
        var id = (string)JsonNode.Parse(opened.Body)!["transaction"]!["id"]!;
        var statement = await SendAsync(HttpMethod.Post, $"tx/{id}", """{"statement":"MATCH (n:NoSuchLabel) SET n.x = 1"}""");
        var committed = await SendAsync(HttpMethod.Post, $"tx/{id}/commit", "{}");
        var rolledBackId = (string)JsonNode.Parse((await SendAsync(HttpMethod.Post, "tx", "{}")).Body)!["transaction"]!["id"]!;
        var rolledBack = await SendAsync(HttpMethod.Delete, $"tx/{rolledBackId}", null);

        Assert.Equal((HttpStatusCode.Accepted, Shape(QueryApiBodies.EmptySuccess)), (empty.Status, Shape(empty.Body)));
        Assert.Equal((HttpStatusCode.BadRequest, Shape(QueryApiBodies.SyntaxError)), (syntax.Status, Shape(syntax.Body)));
        Assert.Equal((HttpStatusCode.Unauthorized, Shape(QueryApiBodies.Unauthorized)), (unauthorized.Status, Shape(unauthorized.Body)));
        Assert.Equal((HttpStatusCode.Accepted, Shape(QueryApiBodies.TransactionOpened)), (opened.Status, Shape(opened.Body)));
        Assert.Equal((HttpStatusCode.Accepted, Shape(QueryApiBodies.TransactionStatement)), (statement.Status, Shape(statement.Body)));
        Assert.Equal((HttpStatusCode.Accepted, Shape(QueryApiBodies.Committed)), (committed.Status, Shape(committed.Body)));
        Assert.Equal((HttpStatusCode.OK, ""), rolledBack);
    }

    /// <summary>A JSON value's shape: an object's keys (sorted) with their shapes, a list's first element's shape, a scalar's kind.</summary>
    private static string Shape(string json) => Shape(JsonNode.Parse(json));

    private static string Shape(JsonNode? node) => node switch
    {
        null => "null",
        JsonObject o => "{" + string.Join(",", o.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"{p.Key}:{Shape(p.Value)}")) + "}",
        JsonArray a => "[" + (a.Count > 0 ? Shape(a[0]) : "") + "]",
        JsonValue v => v.GetValueKind().ToString(),
        _ => node.GetType().Name,
    };
}
