using HealthGraph.Graph;
using HealthGraph.Ingest.Seed;
using HealthGraph.Ingest.Synthetic;
using HealthGraph.Store;
using HealthGraph.Store.Sqlite;
using HealthGraph.Tests.Support;
using Microsoft.Data.Sqlite;

namespace HealthGraph.Tests.Store;

/// <summary>
/// A large load into an empty store is built in a staging file and renamed over the store; the result must be the
/// store the ordinary transactional load gives, and the rename must never happen under another connection.
/// </summary>
public sealed class SqliteStagedLoadTests : IDisposable
{
    private static readonly DateTimeOffset s_loadTime = new(2026, 3, 1, 9, 0, 0, TimeSpan.Zero);

    private readonly TemporaryStore _staged = new(new ManualClock(s_loadTime));
    private readonly TemporaryStore _inPlace = new(new ManualClock(s_loadTime));

    public void Dispose()
    {
        _staged.Dispose();
        _inPlace.Dispose();
    }

    [Fact]
    public async Task AStagedLoadGivesTheStoreTheInPlaceLoadGives_AndALoadUnderAnOpenConnectionIsMadeInPlace()
    {
        var graph = await SyntheticGraphAsync(2_000);
        Assert.True(graph.Nodes.Count + graph.Relationships.Count >= SqliteGraphStore.StagedLoadMinimumRows);
        await _inPlace.Store.InitializeAsync();

        // A reader holding the store open (as a serving API would): the load must not replace the file under it.
        await using (var reader = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = _inPlace.Store.DatabasePath, Pooling = false }.ToString()))
        {
            await reader.OpenAsync();
            Assert.Equal(0L, await ScalarAsync(reader, "SELECT COUNT(*) FROM node;"));
            var inPlace = await _inPlace.Store.LoadAsync(graph);
            Assert.Equal((long)graph.Nodes.Count, await ScalarAsync(reader, "SELECT COUNT(*) FROM node;"));
            Assert.Equal(graph.Nodes.Count, inPlace.After.NodeCount);
        }

        var staged = await _staged.Store.LoadAsync(graph);

        Assert.Equal(graph.Nodes.Count, staged.After.NodeCount);
        Assert.Equal(graph.Relationships.Count, staged.After.RelationshipCount);
        Assert.Equal(await DumpAsync(_inPlace.Store.DatabasePath), await DumpAsync(_staged.Store.DatabasePath));
        Assert.Equal("wal", await ScalarAsync(_staged.Store.DatabasePath, "PRAGMA journal_mode;"));
        Assert.Equal("ok", await SqliteBackupTests.IntegrityAsync(_staged.Store.DatabasePath));
        Assert.Empty(Directory.EnumerateFiles(_staged.Folder, $"*{SqliteGraphStore.StagingSuffix}*"));

        // The staged store is an ordinary store afterwards: search finds the loaded nodes, and edits are logged.
        var hits = await _staged.Store.SearchAsync(new SearchQuery(graph.Nodes[^1].Name, First: 5));
        Assert.Contains(hits, h => h.Node.Id == graph.Nodes[^1].Id);
    }

    [Fact]
    public async Task ALargeLoadIntoAStoreThatIsNotEmptyUpdatesItInPlace()
    {
        var seeded = (await _inPlace.SeedAsync()).Report!.After;
        var graph = await SyntheticGraphAsync(2_000);

        var report = await _inPlace.Store.LoadAsync(graph);

        // The shipped seed's nodes and relationships are found unchanged, not created again in a new file.
        Assert.Equal(seeded.NodeCount, report.Nodes.Values.Sum(c => c.Unchanged));
        Assert.Equal(seeded.RelationshipCount, report.Relationships.Values.Sum(c => c.Unchanged));
        Assert.Equal(graph.Nodes.Count, report.After.NodeCount);
        Assert.Empty(Directory.EnumerateFiles(_inPlace.Folder, $"*{SqliteGraphStore.StagingSuffix}*"));
    }

    [Fact]
    public async Task AGraphWithoutRepeatedKeysIsInsertedAsTheRowByRowUpsertWritesIt()
    {
        // Without a repeated key, an empty store's load inserts many rows at a time; one relationship given twice (the
        // same both times) sends the load through the row-by-row upsert, which must leave the same rows.
        var graph = await SyntheticGraphAsync(2_000);
        var repeated = new SeedGraph(graph.Nodes, [.. graph.Relationships, graph.Relationships[0]]);

        var inserted = await _staged.Store.LoadAsync(graph);
        var upserted = await _inPlace.Store.LoadAsync(repeated);

        Assert.Equal(await DumpAsync(_staged.Store.DatabasePath), await DumpAsync(_inPlace.Store.DatabasePath));
        Assert.Equal(graph.Relationships.Count, inserted.Relationships.Values.Sum(c => c.Created));
        Assert.Equal(graph.Relationships.Count, upserted.Relationships.Values.Sum(c => c.Created));
        Assert.Equal(1, upserted.Relationships.Values.Sum(c => c.Unchanged));
        Assert.Equal(graph.Nodes.Count, inserted.Nodes.Values.Sum(c => c.Created));
    }

    [Fact]
    public async Task AStagedLoadOfARelationshipToAMissingNodeFailsByName_AndLeavesTheStoreEmpty()
    {
        // The staging file skips SQLite's foreign-key checks: the load checks every relationship's ends itself.
        var graph = await SyntheticGraphAsync(2_000);
        var dangling = new GraphRelationship(
            RelationshipTypes.Supports, graph.Nodes[^1].Id, "no-such-node", GraphRelationship.NoProperties, Provenance.Inferred("a test"));

        var failure = await Assert.ThrowsAsync<GraphChangeRejectedException>(() => _staged.Store.LoadAsync(new SeedGraph(graph.Nodes, [.. graph.Relationships, dangling])));

        Assert.Equal("Relationships refer to nodes that do not exist: no-such-node.", failure.Message);
        Assert.Equal(0, (await _staged.Store.GetStatisticsAsync()).NodeCount);
        Assert.Empty(Directory.EnumerateFiles(_staged.Folder, $"*{SqliteGraphStore.StagingSuffix}*"));
    }

    [Fact]
    public async Task AGraphLoadedInPartsGivesTheStoreTheWholeGraphGives()
    {
        // The seeder hands the synthetic work to the store in parts (7 here) made while the store loads them.
        var whole = await _inPlace.Store.LoadAsync(await SyntheticGraphAsync(2_000));
        var inParts = await new Seeder(_staged.Store) { SyntheticBatchSize = 300 }.SeedAsync(TemporaryStore.SeedDirectory, (2_000, SyntheticSeed.DefaultRandomSeed));

        Assert.True(inParts.IsValid, string.Join(Environment.NewLine, inParts.Problems));
        Assert.Equal(whole.Nodes, inParts.Report!.Nodes);
        Assert.Equal(whole.Relationships, inParts.Report.Relationships);
        Assert.Equal(await DumpAsync(_inPlace.Store.DatabasePath), await DumpAsync(_staged.Store.DatabasePath));
        Assert.Contains(inParts.Report.Phases, p => p.Phase.StartsWith("sections made", StringComparison.Ordinal));
    }

    [Fact]
    public async Task APartThatFailsToBeMadeStopsTheLoad_AndTheStoreStaysEmpty()
    {
        var graph = await SyntheticGraphAsync(2_000);
        static IEnumerable<SeedGraph> Parts(SeedGraph graph)
        {
            yield return new SeedGraph([graph.Nodes[0] with { Name = "Renamed" }], []);
            throw new SeedPartProblemsException([new SeedProblem("synthetic", "'x'", null, "a problem")]);
        }

        var failure = await Assert.ThrowsAsync<SeedPartProblemsException>(
            () => _staged.Store.LoadAsync(graph with { Parts = Parts(graph), PartCount = 2 }));

        Assert.Equal("synthetic: record 'x': a problem", Assert.Single(failure.Problems).ToString());
        Assert.Equal(0, (await _staged.Store.GetStatisticsAsync()).NodeCount);
        Assert.Empty(Directory.EnumerateFiles(_staged.Folder, $"*{SqliteGraphStore.StagingSuffix}*"));
    }

    [Fact]
    public async Task APartGivingANodeOrRelationshipAgain_UpdatesItAsTheLastWordOnIt()
    {
        var graph = await SyntheticGraphAsync(2_000);
        var node = graph.Nodes.First(n => n.Label == NodeLabels.Deliverable);
        var relationship = graph.Relationships.First(r => r.FromId == node.Id);
        var renamed = node with { Name = "Renamed by a later part" };
        var restated = relationship with { Provenance = Provenance.Inferred("restated by a later part") };

        var report = await _staged.Store.LoadAsync(graph with { Parts = [new SeedGraph([renamed], [restated]), new SeedGraph([renamed], [])], PartCount = 2 });

        Assert.Equal(new ChangeCounts(graph.Nodes.Count(n => n.Label == NodeLabels.Deliverable), 1, 1), report.Nodes[NodeLabels.Deliverable]);
        Assert.Equal(1, report.Relationships[relationship.Type].Updated);
        Assert.Equal("Renamed by a later part", Assert.Single(await _staged.Store.GetNodesAsync([node.Id])).Name);
        Assert.Contains(
            await _staged.Store.GetRelationshipsAsync([node.Id], relationship.Type, Direction.Outgoing),
            r => r.ToId == relationship.ToId && r.Provenance.Reason == "restated by a later part");
        Assert.Equal(graph.Nodes.Count, report.After.NodeCount);
    }

    internal static async Task<SeedGraph> SyntheticGraphAsync(int deliverables)
    {
        var set = await SeedReader.ReadAsync(TemporaryStore.SeedDirectory);
        SyntheticSeed.AddTo(set, deliverables, SyntheticSeed.DefaultRandomSeed);
        return SeedGraphBuilder.Build(set);
    }

    /// <summary>Every row of the graph, the schema, and the full-text index's row count, as text.</summary>
    private static async Task<string> DumpAsync(string database)
    {
        await using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = database, Pooling = false }.ToString());
        await connection.OpenAsync();
        var lines = new List<string>();
        foreach (var sql in new[]
        {
            "SELECT type || ' ' || name || ' ' || sql FROM sqlite_schema WHERE sql IS NOT NULL ORDER BY type, name",
            "SELECT json_array(id, label, name, props, basis, source, excerpt, reason, created_at, updated_at, updated_by) FROM node ORDER BY id",
            "SELECT json_array(src, type, dst, props, basis, source, excerpt, reason, created_at, updated_at, updated_by) FROM edge ORDER BY src, type, dst",
            "SELECT 'fts ' || COUNT(*) FROM node_fts",
            "SELECT 'version ' || user_version FROM pragma_user_version",
        })
        {
            await using var command = connection.CreateCommand();
            command.CommandText = sql;
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                lines.Add(reader.GetString(0));
            }
        }

        return string.Join('\n', lines);
    }

    private static async Task<object?> ScalarAsync(SqliteConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return await command.ExecuteScalarAsync();
    }

    private static async Task<object?> ScalarAsync(string database, string sql)
    {
        await using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = database, Pooling = false }.ToString());
        await connection.OpenAsync();
        return await ScalarAsync(connection, sql);
    }
}
