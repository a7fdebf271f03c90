using System.Diagnostics;
using System.Net;
using System.Text.Json.Nodes;
using HealthGraph.Store.Sqlite;
using HealthGraph.Tests.Store.Neo4j;
using HealthGraph.Tests.Support;
using HealthGraph.Web;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace HealthGraph.Tests.Web;

/// <summary>
/// The real host over the Neo4j store, pointed at a fake Neo4j (a local Query API listener), with timeouts, retries
/// and the circuit breaker set small so an outage shows in well under a second.
/// </summary>
public sealed class FakeNeo4jApp(Uri neo4j, params (string Key, string Value)[] settings) : HealthGraphApp
{
    protected override bool CountsStoreCalls => false;

    protected override IEnumerable<KeyValuePair<string, string>> Settings =>
        new Dictionary<string, string>
        {
            ["HealthGraph:Store"] = "Neo4j",
            ["HealthGraph:SeedOnFirstRun"] = "false",
            ["Neo4j:Uri"] = neo4j.ToString(),
            ["Neo4j:User"] = "neo4j",
            ["Neo4j:Password"] = "verysecret",
            ["Neo4j:Timeout"] = "00:00:01",
            ["Neo4j:MaxRetryAttempts"] = "1",
            ["Neo4j:RetryBaseDelay"] = "00:00:00.010",
            ["Neo4j:CircuitBreakerMinimumThroughput"] = "2",
            ["Neo4j:CircuitBreakerBreakDuration"] = "00:00:00.500",
        }.Concat(settings.Select(s => KeyValuePair.Create(s.Key, s.Value)));
}

/// <summary>
/// What users see while the store is down, and that service resumes without a restart when it returns: readiness
/// 503 without what failed (that is in the log); GraphQL fields fail with STORE_UNAVAILABLE (HTTP 200, data null for those fields, a fixed
/// message without internals); then readiness 200 and answers again, from the same host.
/// </summary>
public sealed class StoreOutageTests : IAsyncLifetime
{
    private const string Query = """{ statistics { entities { key count } } agency(id: "who") { name } }""";

    private FakeNeo4jServer _neo4j = null!;

    public async Task InitializeAsync() => _neo4j = await FakeNeo4jServer.StartAsync();

    public async Task DisposeAsync() => await _neo4j.DisposeAsync();

    [Fact]
    public async Task WhileNeo4jIsDown_ReadinessIs503AndFieldsFailWithStoreUnavailable_AndServiceResumesWhenItReturns()
    {
        var logs = new CapturingLoggerProvider();
        using var app = new FakeNeo4jApp(_neo4j.Uri);
        app.WithLogging(logs);
        using var client = app.CreateClient();
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health/ready")).StatusCode);

        await _neo4j.StopAsync();
        var ready = await client.GetAsync("/health/ready");
        var readiness = await ready.Content.ReadAsStringAsync();
        var json = await app.QueryAsync(Query);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.StatusCode);
        AssertTheOutageIsLoggedNotAnswered(readiness, logs, _neo4j.Uri.Authority, $"Neo4j at {_neo4j.Uri} is unavailable: cannot connect");
        AssertStoreUnavailable(json, "statistics", "agency");

        await _neo4j.RestartAsync();
        await WaitUntilReadyAsync(client);
        var data = await app.DataAsync(Query);

        Assert.NotNull(data["statistics"]);
    }

    [Fact]
    public async Task AHostStartedWhileNeo4jIsDown_SetsTheStoreUpAndServesWhenNeo4jComesUp()
    {
        await _neo4j.StopAsync();
        using var app = new FakeNeo4jApp(_neo4j.Uri);
        using var client = app.CreateClient();

        Assert.Equal(HttpStatusCode.ServiceUnavailable, (await client.GetAsync("/health/ready")).StatusCode);
        AssertStoreUnavailable(await app.QueryAsync(Query), "statistics", "agency");
        Assert.Empty(_neo4j.Received);

        await _neo4j.RestartAsync();
        await WaitUntilReadyAsync(client);
        await app.DataAsync(Query);

        Assert.Contains(_neo4j.Received, r => r.Body.Contains("CREATE CONSTRAINT entity_id IF NOT EXISTS", StringComparison.Ordinal));
    }

    [Fact]
    public async Task OnceAMutationFindsTheStoreUnavailable_TheRestOfTheRequestFailsWithoutWaitingForTheStoreAgain()
    {
        // The circuit stays closed here, so what stops the later mutations is the request's own record of the outage.
        using var app = new FakeNeo4jApp(_neo4j.Uri, ("Neo4j:CircuitBreakerMinimumThroughput", "1000")) { ApiKey = HealthGraphApp.EditorKey };
        using var client = app.CreateClient();
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health/ready")).StatusCode);
        await app.QueryAsync("{ statistics { entityCount } }"); // the graph's sizes, read for pricing once a minute, are known
        for (var i = 0; i < 6; i++)
        {
            _neo4j.Reply(HttpStatusCode.Accepted, FakeNeo4jServer.EmptySuccess, delay: TimeSpan.FromSeconds(30));
        }

        var before = _neo4j.Received.Count;
        var json = await app.QueryAsync("""
            mutation {
              a: setDeliverableStatus(input: { id: "who-hwf-strategy", status: ACHIEVED }) { changed }
              b: setDeliverableStatus(input: { id: "who-hwf-strategy", status: SUSPENDED }) { changed }
              c: setDeliverableStatus(input: { id: "who-hwf-strategy", status: ON_TRACK }) { changed }
            }
            """);

        AssertStoreUnavailable(json, "a", "b", "c");
        // The first mutation's one attempt (a request that timed out is not repeated) and the statement that stops its
        // transaction on the server, found by the attempt's id; no more.
        var sent = _neo4j.Received.Skip(before).ToList();
        var attempt = Assert.Single(sent, r => !r.Body.Contains("TERMINATE TRANSACTIONS", StringComparison.Ordinal));
        Assert.All(sent.Except([attempt]), r => Assert.Contains(attempt.Attempt!, r.Body, StringComparison.Ordinal));
        Assert.True(sent.Count <= 2, string.Join(Environment.NewLine, sent.Select(r => r.Body)));
    }

    [Fact]
    public async Task WhenTheSqliteFileCannotBeOpened_ReadinessIs503AndFieldsFailWithStoreUnavailable_UntilItIsBack()
    {
        var logs = new CapturingLoggerProvider();
        using var app = new HealthGraphApp().WithLogging(logs);
        using var client = app.CreateClient();
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health/ready")).StatusCode);
        var path = app.Services.GetRequiredService<SqliteGraphStore>().DatabasePath;

        // Idle connections would keep the old file open; closing them checkpoints the WAL into the file.
        app.Services.GetRequiredService<SqliteGraphStore>().CloseIdleConnections();
        SqliteConnection.ClearAllPools();
        File.Move(path, path + ".away");
        Directory.CreateDirectory(path);
        var ready = await client.GetAsync("/health/ready");
        var readiness = await ready.Content.ReadAsStringAsync();
        var json = await app.QueryAsync(Query);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.StatusCode);
        AssertTheOutageIsLoggedNotAnswered(readiness, logs, path, $"The SQLite database {path} cannot be used");
        AssertStoreUnavailable(json, "statistics", "agency");

        Directory.Delete(path);
        File.Move(path + ".away", path);
        await WaitUntilReadyAsync(client);
        var data = await app.DataAsync(Query);

        Assert.Equal("World Health Organization", (string?)data["agency"]!["name"]);
    }

    /// <summary>
    /// Readiness says only that the store is unavailable, never <paramref name="where"/> (Neo4j's address, the SQLite
    /// file's path); what failed (<paramref name="detail"/>) is in one warning of the readiness check, for the one
    /// failed check, and in no error-level line.
    /// </summary>
    private static void AssertTheOutageIsLoggedNotAnswered(string readiness, CapturingLoggerProvider logs, string where, string detail)
    {
        Assert.StartsWith("Unhealthy\n", readiness, StringComparison.Ordinal);
        Assert.DoesNotContain(where, readiness, StringComparison.Ordinal);
        var logged = Assert.Single(logs.Entries, e => e.Category == typeof(StoreHealthCheck).FullName);
        Assert.Equal(LogLevel.Warning, logged.Level);
        Assert.Contains(detail, logged.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(logs.Entries, e => e.Level >= LogLevel.Error && e.Message.Contains(detail, StringComparison.Ordinal));
    }

    /// <summary>Every named root field has no data and one STORE_UNAVAILABLE error, whose message gives nothing away.</summary>
    private static void AssertStoreUnavailable(JsonNode json, params string[] fields)
    {
        var errors = json["errors"]!.AsArray();
        Assert.Equal(fields.Order(StringComparer.Ordinal), errors.Select(e => (string)e!["path"]![0]!).Order(StringComparer.Ordinal));
        foreach (var error in errors)
        {
            Assert.Equal("STORE_UNAVAILABLE", (string?)error!["extensions"]!["code"]);
            Assert.Equal(
                "The graph store is unavailable right now, so this field has no answer and nothing was changed. Try again shortly.",
                (string?)error["message"]);
            var details = (string?)error["extensions"]!["details"] ?? ""; // Development shows the error's type, nothing of the store
            Assert.DoesNotContain("Neo4j", details, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("SQLite", details, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain(" at ", details, StringComparison.Ordinal);
        }

        Assert.All(fields, f => Assert.Null(json["data"]?[f])); // statistics is non-null, so its failure nulls data itself
    }

    /// <summary>Polls readiness until it is 200 (the circuit lets a trial call through after its break).</summary>
    private static async Task WaitUntilReadyAsync(HttpClient client)
    {
        var waited = Stopwatch.StartNew();
        while ((await client.GetAsync("/health/ready")).StatusCode != HttpStatusCode.OK)
        {
            Assert.True(waited.Elapsed < TimeSpan.FromSeconds(20), "The host did not become ready again within 20 s of the store's return.");
            await Task.Delay(50);
        }
    }
}
