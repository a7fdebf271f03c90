using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using HealthGraph.Graph;
using HealthGraph.Store;
using HealthGraph.Store.Sqlite;
using HealthGraph.Tests.Support;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Data.Sqlite;
using Xunit.Abstractions;

namespace HealthGraph.Tests.Store;

/// <summary>
/// The embedded store after a process is killed (not an exception: the process is gone, mid-transaction): it holds the
/// state before the interrupted transaction, passes integrity_check, and the next start is clean.
/// </summary>
public sealed class CrashSafetyTests(ITestOutputHelper output) : IDisposable
{
    /// <summary>
    /// Generated deliverables added to the shipped seed, each with this many items (cheap to validate, large to store):
    /// the load's pages outgrow SQLite's cache and spill into the WAL early, with a second or more still to write.
    /// </summary>
    private const int GeneratedDeliverables = 3_000;

    private const int ItemsPerDeliverable = 16;

    private const long LoadUnderWayWalBytes = 1 << 20;

    private readonly TemporaryStore _temporary = new();

    public void Dispose() => _temporary.Dispose();

    [Fact]
    public async Task ASeedLoadKilledMidWayLeavesTheStoreAsItWas_AndTheNextStartIsClean()
    {
        var stopwatch = Stopwatch.StartNew();
        Assert.True((await _temporary.SeedAsync()).IsValid);
        var before = await SqliteBackupTests.SnapshotAsync(_temporary.Store);
        var database = _temporary.Store.DatabasePath;
        var wal = database + "-wal";
        _temporary.Store.CloseIdleConnections(); // the last connection closes: the WAL is checkpointed and removed
        SqliteConnection.ClearAllPools();
        Assert.False(File.Exists(wal));
        var seed = await LargeSeedAsync();

        var prepared = stopwatch.Elapsed;
        long walAtKill;
        using (var load = HealthGraphProcess.Start("seed", "--dir", seed, $"--Sqlite:Path={database}"))
        {
            // Nothing is written before the load's one transaction, so a growing WAL is that transaction's pages.
            await load.WaitUntilAsync(() => WalLength(wal) >= LoadUnderWayWalBytes, "the load to spill into the WAL");
            Assert.False(load.HasExited, $"The load ended before it could be killed; generate more deliverables.{Environment.NewLine}{load.Output}");
            load.Kill();
            walAtKill = WalLength(wal);
            output.WriteLine($"Prepared in {prepared.TotalMilliseconds:N0} ms; killed at {stopwatch.ElapsedMilliseconds:N0} ms.");
            Assert.DoesNotContain("Loaded:", load.Output, StringComparison.Ordinal);
        }

        Assert.Equal("ok", await SqliteBackupTests.IntegrityAsync(database));
        Assert.Equal(before, await SqliteBackupTests.SnapshotAsync(_temporary.Store));
        Assert.Empty(await _temporary.Store.GetNodesAsync(["generated-00000", $"generated-{GeneratedDeliverables - 1:00000}"]));
        var again = await _temporary.SeedAsync();
        Assert.False(again.Report!.ChangedAnything);
        await AssertStartsCleanAsync(database);
        output.WriteLine($"WAL at kill: {walAtKill:N0} bytes; test took {stopwatch.ElapsedMilliseconds:N0} ms.");
    }

    [Fact]
    public async Task AStagedLoadKilledMidWayLeavesTheEmptyStoreAsItWas_AndTheNextLoadDeletesItsStagingFile()
    {
        var database = _temporary.Store.DatabasePath;
        await _temporary.Store.InitializeAsync();
        SqliteConnection.ClearAllPools();
        var schema = await SchemaAsync(database);
        var staging = $"{Path.GetFileName(database)}.*{SqliteGraphStore.StagingSuffix}";
        string[] Staging() => Directory.GetFiles(_temporary.Folder, staging);

        using (var load = HealthGraphProcess.Start("seed", "--synthetic", "20000", $"--Sqlite:Path={database}"))
        {
            await load.WaitUntilAsync(() => Staging() is [var file] && new FileInfo(file).Length >= LoadUnderWayWalBytes, "the staging file to grow");
            Assert.False(load.HasExited, $"The load ended before it could be killed.{Environment.NewLine}{load.Output}");
            load.Kill();
            Assert.DoesNotContain("Loaded:", load.Output, StringComparison.Ordinal);
        }

        Assert.Single(Staging());
        Assert.Equal("ok", await SqliteBackupTests.IntegrityAsync(database));
        Assert.Equal(schema, await SchemaAsync(database));
        Assert.Equal(0, (await _temporary.Store.GetStatisticsAsync()).NodeCount);

        var graph = await SqliteStagedLoadTests.SyntheticGraphAsync(2_000);
        var report = await _temporary.Store.LoadAsync(graph);
        Assert.Equal(graph.Nodes.Count, report.After.NodeCount);
        Assert.Empty(Staging());
        await AssertStartsCleanAsync(database);
    }

    private static async Task<string> SchemaAsync(string database)
    {
        await using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = database, Pooling = false }.ToString());
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT group_concat(type || ' ' || name, '; ') FROM (SELECT type, name FROM sqlite_schema ORDER BY type, name)";
        return (string)(await command.ExecuteScalarAsync())!;
    }

    [Fact]
    public async Task MutationsKilledMidStreamLeaveEveryLoggedChangeWhole_AndTheNextStartIsClean()
    {
        var stopwatch = Stopwatch.StartNew();
        var database = _temporary.Store.DatabasePath;
        var sent = new ConcurrentDictionary<string, bool>(StringComparer.Ordinal);
        var acknowledged = new ConcurrentDictionary<string, bool>(StringComparer.Ordinal);

        using (var api = await HealthGraphProcess.StartApiAsync(database))
        {
            using var stop = new CancellationTokenSource();
            var writers = Enumerable.Range(0, 4).Select(w => Task.Run(() => UpsertUntilStoppedAsync(api, w, sent, acknowledged, stop.Token))).ToList();
            await api.WaitUntilAsync(() => acknowledged.Count >= 40, "40 mutations to be acknowledged");
            api.Kill();
            await stop.CancelAsync();
            await Task.WhenAll(writers).WaitAsync(HealthGraphProcess.Patience);
        }

        Assert.Equal("ok", await SqliteBackupTests.IntegrityAsync(database));
        var store = _temporary.Store;
        var logged = (await store.GetChangesAsync(100_000))
            .Where(c => c.Operation == "upsertDeliverable" && c.Subject.StartsWith("crash-", StringComparison.Ordinal))
            .ToList();
        var loggedIds = logged.Select(c => c.Subject).ToHashSet(StringComparer.Ordinal);
        Assert.Subset(loggedIds, acknowledged.Keys.ToHashSet(StringComparer.Ordinal));
        Assert.Subset(sent.Keys.ToHashSet(StringComparer.Ordinal), loggedIds);
        Assert.Equal(loggedIds, (await CrashDeliverableIdsAsync(database)).ToHashSet(StringComparer.Ordinal));

        // Each logged change is all there: the deliverable, its agency, themes and counterpart, as sent, and nothing else.
        Assert.All(logged, c => Assert.Equal((5L, 0L, 0L), (c.Created, c.Updated, c.Removed)));
        var ids = loggedIds.ToList();
        var nodes = (await store.GetNodesAsync(ids)).ToDictionary(n => n.Id, StringComparer.Ordinal);
        var delivers = await store.GetRelationshipsAsync(ids, RelationshipTypes.Delivers, Direction.Incoming);
        var themes = await store.GetRelationshipsAsync(ids, RelationshipTypes.HasTheme, Direction.Outgoing);
        var supports = await store.GetRelationshipsAsync(ids, RelationshipTypes.Supports, Direction.Outgoing);
        Assert.All(ids, id =>
        {
            var expected = Deliverable(id);
            Assert.Equal(expected.Title, nodes[id].Name);
            Assert.Equal([expected.AgencyId], delivers.Where(r => r.ToId == id).Select(r => r.FromId));
            Assert.Equal(expected.ThemeIds, themes.Where(r => r.FromId == id).Select(r => r.ToId).Order(StringComparer.Ordinal));
            Assert.Equal(expected.CounterpartIds, supports.Where(r => r.FromId == id).Select(r => r.ToId));
        });

        await AssertStartsCleanAsync(database);
        output.WriteLine($"{sent.Count} sent, {acknowledged.Count} acknowledged, {logged.Count} in the log; test took {stopwatch.ElapsedMilliseconds:N0} ms.");
    }

    private const string Upsert = """
        mutation($input: UpsertDeliverableInput!) { upsertDeliverable(input: $input) { created deliverable { id } } }
        """;

    /// <summary>Upserts new deliverables one after another until stopped or the API is gone.</summary>
    private static async Task UpsertUntilStoppedAsync(
        HealthGraphProcess api, int writer, ConcurrentDictionary<string, bool> sent, ConcurrentDictionary<string, bool> acknowledged, CancellationToken stop)
    {
        for (var n = 0; !stop.IsCancellationRequested; n++)
        {
            var input = Deliverable($"crash-{writer}-{n:00000}");
            sent[input.Id] = true;
            try
            {
                var json = await api.PostGraphQLAsync(Upsert, new { input = input.ToInput() }, stop);
                Assert.True(json["errors"] is null, json["errors"]?.ToJsonString());
                Assert.True((bool)json["data"]!["upsertDeliverable"]!["created"]!);
                acknowledged[input.Id] = true;
            }
            catch (Exception e) when (e is HttpRequestException or OperationCanceledException)
            {
                return; // killed
            }
        }
    }

    private static readonly string[] s_agencies = ["who", "ilo", "iom"];

    /// <summary>What a test writer sends under an id: the same every time, so the store can be checked against it.</summary>
    private sealed record SentDeliverable(string Id, string AgencyId, string Title, string[] ThemeIds, string[] CounterpartIds)
    {
        public object ToInput() => new
        {
            id = Id,
            agencyId = AgencyId,
            title = Title,
            kind = "ACTIVITY",
            year = 2024,
            themeIds = ThemeIds,
            counterpartIds = CounterpartIds,
            source = new { basis = "INFERRED", reason = "Written by the crash-safety test." },
        };
    }

    private static SentDeliverable Deliverable(string id) => new(
        id, s_agencies[(id.Aggregate(0, (hash, c) => (hash * 31) + c) & int.MaxValue) % 3], $"Crash-safety deliverable {id}",
        ["health-financing", "health-workforce"], ["mohsp"]);

    private static async Task<IReadOnlyList<string>> CrashDeliverableIdsAsync(string database)
    {
        await using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = database, Pooling = false }.ToString());
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT id FROM node WHERE id LIKE 'crash-%'";
        await using var reader = await command.ExecuteReaderAsync();
        var ids = new List<string>();
        while (await reader.ReadAsync())
        {
            ids.Add(reader.GetString(0));
        }

        return ids;
    }

    /// <summary>The next start opens the store, passes integrity_check and reports ready.</summary>
    private static async Task AssertStartsCleanAsync(string database)
    {
        Assert.Equal("ok", await SqliteBackupTests.IntegrityAsync(database));
        using var factory = new WebApplicationFactory<Program>().WithWebHostBuilder(b => b.UseSetting("Sqlite:Path", database));
        using var client = factory.CreateClient();
        var ready = await client.GetAsync("/health/ready");
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        Assert.Equal("Healthy", await ready.Content.ReadAsStringAsync());
    }

    /// <summary>A copy of the shipped seed with many generated (valid) deliverables added, so that loading it takes seconds.</summary>
    private async Task<string> LargeSeedAsync()
    {
        var seed = _temporary.CopyOfSeed();
        var file = Path.Combine(seed, "deliverables.json");
        var deliverables = JsonNode.Parse(await File.ReadAllTextAsync(file))!.AsArray();
        var provenance = new { basis = "INFERRED", reason = "Generated for the crash-safety test." };
        var themes = new[] { new { id = "health-financing", provenance }, new { id = "health-workforce", provenance } };
        for (var i = 0; i < GeneratedDeliverables; i++)
        {
            deliverables.Add(JsonSerializer.SerializeToNode(new
            {
                id = $"generated-{i:00000}",
                kind = "ACTIVITY",
                agency = s_agencies[i % 3],
                title = $"Generated deliverable {i}",
                items = Enumerable.Range(0, ItemsPerDeliverable)
                    .Select(k => $"Generated item {k} of deliverable {i}: training, supervision and supplies for primary health care"),
                year = 2024,
                country = "Tajikistan",
                outcomes = Array.Empty<object>(),
                counterparts = Array.Empty<object>(),
                themes,
                provenance,
            }));
        }

        await File.WriteAllTextAsync(file, deliverables.ToJsonString());
        return seed;
    }

    private static long WalLength(string wal) => File.Exists(wal) ? new FileInfo(wal).Length : 0;
}
