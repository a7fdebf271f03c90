using System.Globalization;
using FsCheck;
using FsCheck.Fluent;
using HealthGraph.Graph;
using HealthGraph.Ingest.Seed;
using HealthGraph.Store.Sqlite.Aggregates;
using HealthGraph.Tests.Support;
using Microsoft.Data.Sqlite;

namespace HealthGraph.Tests.Store;

/// <summary>
/// A load into an empty store writes the partner-overlap and goal-coverage aggregates from rows computed in memory
/// (<see cref="AggregateRows"/>); they must be, row for row, what the SQL fills (Sql/agency_items_fill.sql, agency_share_fill.sql,
/// Sql/coverage_fill.sql, which the migrations run) compute from the loaded relationships: for the shipped seed (loaded
/// in place), a synthetic graph large enough to be loaded in a staging file, and random graphs with odd shapes and
/// repeated relationships.
/// </summary>
public sealed class SqliteAggregateLoadTests
{
    private static readonly string[] s_tables = ["agency_work", "agency_item", "agency_share", "coverage_link", "coverage_agency", "coverage_item", "coverage_count"];

    [Fact]
    public async Task TheShippedSeedsAggregatesAreTheSqlFills()
    {
        using var store = new TemporaryStore();
        var seed = await store.SeedAsync();
        Assert.True(seed.IsValid);

        var (loaded, filled) = await LoadedAndFilledAsync(store.Store.DatabasePath);
        Assert.All(s_tables.Where(t => t != "coverage_count"), t => Assert.NotEmpty(loaded[t]));
        Assert.Equal(filled, loaded);
    }

    [Fact]
    public async Task AStagedLoadInPartsHasTheAggregatesTheSqlFillsGive()
    {
        using var store = new TemporaryStore();

        // The synthetic work in five parts, made while the store loads them.
        Assert.True((await new Seeder(store.Store) { SyntheticBatchSize = 700 }.SeedAsync(TemporaryStore.SeedDirectory, (3_000, 42))).IsValid);

        var (loaded, filled) = await LoadedAndFilledAsync(store.Store.DatabasePath);
        Assert.True(loaded["coverage_link"].Count > 3_000, $"{loaded["coverage_link"].Count} coverage links");
        Assert.Equal(filled, loaded);
    }

    [Fact]
    public void ARandomGraphsAggregatesAreTheSqlFills()
    {
        Prop.ForAll(RandomGraphs(), relationships =>
        {
            using var store = new TemporaryStore();
            store.Store.LoadAsync(new SeedGraph(s_nodes, relationships)).GetAwaiter().GetResult();
            var (loaded, filled) = LoadedAndFilledAsync(store.Store.DatabasePath).GetAwaiter().GetResult();
            Assert.Equal(filled, loaded);
        }).Check(Config.QuickThrowOnFailure.WithMaxTest(40));
    }

    /// <summary>
    /// The same in two parts: a key that comes again in the later part is out of order among the whole graph's
    /// relationships, and the later one still wins (mutation check: keeping the earlier one fails this test).
    /// </summary>
    [Fact]
    public void ARandomGraphLoadedInPartsHasTheAggregatesTheSqlFillsGive()
    {
        var split = from relationships in RandomGraphs().Generator
                    from at in Gen.Choose(0, relationships.Length)
                    select (relationships, at);
        Prop.ForAll(split.ToArbitrary(), graph =>
        {
            var (relationships, at) = graph;
            using var store = new TemporaryStore();
            var parts = new SeedGraph(s_nodes, relationships[..at]) { Parts = [new SeedGraph([], relationships[at..])], PartCount = 1 };
            store.Store.LoadAsync(parts).GetAwaiter().GetResult();
            var (loaded, filled) = LoadedAndFilledAsync(store.Store.DatabasePath).GetAwaiter().GetResult();
            Assert.Equal(filled, loaded);
        }).Check(Config.QuickThrowOnFailure.WithMaxTest(40));
    }

    private static readonly GraphNode[] s_nodes =
    [
        .. Nodes(NodeLabels.Organization, "agency-a", "agency-b", "agency-c", "partner-x"),
        .. Nodes(NodeLabels.ResultsFramework, "framework-a", "framework-b"),
        .. Nodes(NodeLabels.Outcome, "outcome-1", "outcome-2", "outcome-3"),
        .. Nodes(NodeLabels.Indicator, "indicator-1"),
        .. Nodes(NodeLabels.Deliverable, "deliverable-1", "deliverable-2", "deliverable-3", "deliverable-4"),
        .. Nodes(NodeLabels.SdgGoal, "goal-3", "goal-8"),
        .. Nodes(NodeLabels.SdgTarget, "target-3.1", "target-3.8", "target-8.5"),
        .. Nodes(NodeLabels.Theme, "theme-health", "theme-work"),
    ];

    /// <summary>The relationship shapes the aggregates read, with starts and ends of other labels than the usual ones too.</summary>
    private static readonly (string Type, string[] From, string[] To)[] s_shapes =
    [
        (RelationshipTypes.Delivers, ["agency-a", "agency-b", "agency-c"], ["deliverable-1", "deliverable-2", "deliverable-3", "deliverable-4", "outcome-1"]),
        (RelationshipTypes.Serves, ["deliverable-1", "deliverable-2", "deliverable-3", "deliverable-4"], ["outcome-1", "outcome-2", "outcome-3", "deliverable-4"]),
        (RelationshipTypes.Supports, ["deliverable-1", "deliverable-2", "outcome-2"], ["partner-x", "agency-c"]),
        (RelationshipTypes.ManagedBy, ["framework-a", "framework-b"], ["agency-a", "agency-b", "agency-c"]),
        (RelationshipTypes.InFramework, ["outcome-1", "outcome-2", "outcome-3", "indicator-1"], ["framework-a", "framework-b"]),
        (RelationshipTypes.HasTarget, ["goal-3", "goal-8"], ["target-3.1", "target-3.8", "target-8.5"]),
        (RelationshipTypes.AlignsWith, ["deliverable-1", "deliverable-2", "deliverable-4", "outcome-1", "outcome-3", "agency-a"], ["target-3.1", "target-3.8", "target-8.5", "goal-3", "goal-8"]),
        (RelationshipTypes.HasTheme, ["agency-a", "partner-x", "deliverable-1", "deliverable-3", "outcome-2"], ["theme-health", "theme-work"]),
    ];

    /// <summary>Up to 60 relationships of those shapes, each stated or inferred; a key may come more than once (the last one wins).</summary>
    private static Arbitrary<GraphRelationship[]> RandomGraphs()
    {
        var relationship =
            from shape in Gen.Elements(s_shapes)
            from start in Gen.Elements(shape.From)
            from end in Gen.Elements(shape.To)
            from stated in Gen.Elements(true, false)
            select new GraphRelationship(
                shape.Type, start, end, GraphRelationship.NoProperties,
                stated ? Provenance.Stated("who-jar", "excerpt") : Provenance.Inferred("a test"));
        return relationship.ArrayOf().Resize(60).ToArbitrary();
    }

    private static IEnumerable<GraphNode> Nodes(string label, params string[] ids) =>
        ids.Select(id => GraphNode.Create(id, label, id, Provenance.Inferred("a test")));

    /// <summary>The aggregate tables as the load left them, and as the SQL fills recompute them from the same relationships.</summary>
    private static async Task<(Dictionary<string, List<string>> Loaded, Dictionary<string, List<string>> Filled)> LoadedAndFilledAsync(string database)
    {
        await using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = database, Pooling = false }.ToString());
        await connection.OpenAsync();
        await using var transaction = connection.BeginTransaction();
        var loaded = await DumpAsync(connection, transaction);
        await AggregateFills.FillAgencyItemsAsync(connection, transaction, CancellationToken.None);
        await AggregateFills.FillAgencyShareAsync(connection, transaction, CancellationToken.None);
        await AggregateFills.FillCoverageAsync(connection, transaction, CancellationToken.None);
        var filled = await DumpAsync(connection, transaction);
        await transaction.RollbackAsync();
        return (loaded, filled);
    }

    private static async Task<Dictionary<string, List<string>>> DumpAsync(SqliteConnection connection, SqliteTransaction transaction)
    {
        var tables = new Dictionary<string, List<string>>();
        foreach (var table in s_tables)
        {
            await using var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = $"SELECT * FROM {table}";
            var rows = new List<string>();
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                rows.Add(string.Join(" | ", Enumerable.Range(0, reader.FieldCount).Select(i => Convert.ToString(reader.GetValue(i), CultureInfo.InvariantCulture))));
            }

            rows.Sort(StringComparer.Ordinal);
            tables[table] = rows;
        }

        return tables;
    }
}
