using HealthGraph.Graph;
using HealthGraph.Store;
using HealthGraph.Store.Sqlite;
using HealthGraph.Tests.Support;
using Microsoft.Data.Sqlite;

namespace HealthGraph.Tests.Store;

/// <summary>
/// The partner-overlap aggregate (agency_work, agency_item) that the SQLite store keeps by triggers must always equal a
/// recomputation from its definition, Sql/agency_links.sql: after the bulk load, after the migration that creates it
/// in an existing store, and after any sequence of writes through <see cref="IGraphStore.ApplyAsync"/>.
/// </summary>
public sealed class SqliteAgencyItemsTests : IDisposable
{
    private readonly TemporaryStore _temporary = new();

    private string ConnectionString => new SqliteConnectionStringBuilder { DataSource = _temporary.Store.DatabasePath, Pooling = false }.ToString();

    /// <summary>agency_item as stored, and as agency_links.sql computes it: (agency, dimension, item, stated, inferred) rows, sorted.</summary>
    private async Task<(List<string> Stored, List<string> Recomputed)> CompareAsync()
    {
        using var stream = typeof(SqliteGraphStore).Assembly.GetManifestResourceStream("sqlite/Sql/agency_links.sql")!;
        var links = await new StreamReader(stream).ReadToEndAsync();
        var recomputed = links + """
            SELECT agency || '|' || dimension || '|' || item || '|' || sum(basis = 'STATED') || '|' || sum(basis = 'INFERRED')
              FROM links GROUP BY agency, dimension, item ORDER BY 1
            """;
        const string Stored = "SELECT agency || '|' || dimension || '|' || item || '|' || stated || '|' || inferred FROM agency_item ORDER BY 1";
        return (await RowsAsync(Stored), await RowsAsync(recomputed));
    }

    private async Task<List<string>> RowsAsync(string sql)
    {
        await using var connection = new SqliteConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<string>();
        while (await reader.ReadAsync())
        {
            rows.Add(reader.GetString(0));
        }

        return rows;
    }

    private async Task AssertExactAsync()
    {
        var (stored, recomputed) = await CompareAsync();
        Assert.NotEmpty(recomputed);
        Assert.Equal(recomputed, stored);
    }

    [Fact]
    public async Task TheBulkLoadFillsTheAggregateExactly()
    {
        Assert.True((await _temporary.SeedAsync()).IsValid);
        await AssertExactAsync();
    }

    [Fact]
    public async Task TheMigrationFillsTheAggregateOfAnExistingStore()
    {
        Assert.True((await _temporary.SeedAsync()).IsValid);
        // As a store of schema version 2 would be: no aggregates (neither this nor version 4's coverage), no triggers.
        await using (var connection = new SqliteConnection(ConnectionString))
        {
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = """
                DROP VIEW coverage_link_delta; DROP VIEW coverage_key_delta; DROP VIEW coverage_agency_delta;
                DROP VIEW coverage_item_delta; DROP VIEW coverage_count_delta;
                DROP TABLE coverage_link; DROP TABLE coverage_agency; DROP TABLE coverage_item; DROP TABLE coverage_count;
                DROP TRIGGER agency_items_edge_insert; DROP TRIGGER agency_items_edge_delete; DROP TRIGGER agency_items_edge_basis;
                DROP TRIGGER agency_items_edge_key; DROP TRIGGER agency_items_node_label;
                DROP VIEW edge_delta; DROP VIEW agency_work_delta; DROP VIEW agency_item_delta;
                DROP TABLE agency_item; DROP TABLE agency_work;
                PRAGMA user_version = 2;
                """;
            await command.ExecuteNonQueryAsync();
        }

        using var reopened = new TemporaryStoreAt(_temporary.Store.DatabasePath);
        await reopened.Store.InitializeAsync();
        await AssertExactAsync();
        Assert.NotEmpty(await reopened.Store.GetPartnerOverlapsAsync(["who", "ilo"]));
    }

    [Fact]
    public async Task ALabelChangeOfANodeWithRelationshipsIsRefused()
    {
        Assert.True((await _temporary.SeedAsync()).IsValid);
        var who = (await _temporary.Store.GetNodesAsync(["who"])).Single();
        var error = await Assert.ThrowsAsync<GraphChangeRejectedException>(() => _temporary.Store.ApplyAsync(
            new GraphChange("test", "relabel", "who", [who with { Label = NodeLabels.Theme, Stamp = null }], [], [])));
        Assert.Contains("label cannot change", error.Message, StringComparison.Ordinal);
        Assert.Equal(NodeLabels.Organization, (await _temporary.Store.GetNodesAsync(["who"])).Single().Label);
        await AssertExactAsync();
    }

    [Fact]
    public async Task AnySequenceOfWritesKeepsTheAggregateExact()
    {
        Assert.True((await _temporary.SeedAsync()).IsValid);
        var store = _temporary.Store;
        var organizations = await RandomWrites.IdsAsync(store, NodeLabels.Organization, 8);
        var deliverables = await RandomWrites.IdsAsync(store, NodeLabels.Deliverable, 8);
        var outcomes = await RandomWrites.IdsAsync(store, NodeLabels.Outcome, 8);
        var frameworks = await RandomWrites.IdsAsync(store, NodeLabels.ResultsFramework, 4);
        var targets = await RandomWrites.IdsAsync(store, NodeLabels.SdgTarget, 6);
        var goals = await RandomWrites.IdsAsync(store, NodeLabels.SdgGoal, 3);
        var themes = await RandomWrites.IdsAsync(store, NodeLabels.Theme, 5);
        var work = deliverables.Concat(outcomes).ToArray();

        // Every relationship type that feeds agency_links.sql, between nodes it can connect.
        (string Type, string[] From, string[] To)[] shapes =
        [
            (RelationshipTypes.Delivers, organizations, deliverables),
            (RelationshipTypes.Delivers, organizations, outcomes),
            (RelationshipTypes.Serves, deliverables, outcomes),
            (RelationshipTypes.ManagedBy, frameworks, organizations),
            (RelationshipTypes.InFramework, outcomes, frameworks),
            (RelationshipTypes.AlignsWith, work, targets),
            (RelationshipTypes.AlignsWith, work, goals),
            (RelationshipTypes.HasTarget, goals, targets),
            (RelationshipTypes.HasTheme, work.Concat(organizations).ToArray(), themes),
            (RelationshipTypes.Supports, work, organizations),
        ];

        RandomWrites.Check(store, shapes, AssertExactAsync, maxTest: 40);
    }

    public void Dispose() => _temporary.Dispose();

    /// <summary>A second store object over the same file (as after an upgrade): it migrates on first use.</summary>
    private sealed class TemporaryStoreAt(string path) : IDisposable
    {
        public SqliteGraphStore Store { get; } = new(
            Microsoft.Extensions.Options.Options.Create(new SqliteStoreOptions { Path = path }), TimeProvider.System);

        public void Dispose() => Store.Dispose();
    }
}
