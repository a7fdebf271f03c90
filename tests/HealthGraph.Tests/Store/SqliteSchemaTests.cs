using HealthGraph.Graph;
using HealthGraph.Store;
using HealthGraph.Store.Sqlite;
using HealthGraph.Store.Sqlite.Schema;
using HealthGraph.Tests.Support;
using Microsoft.Data.Sqlite;

namespace HealthGraph.Tests.Store;

/// <summary>The embedded store's file: WAL mode, versioned schema, refusal of a newer schema.</summary>
public sealed class SqliteSchemaTests : IDisposable
{
    private readonly TemporaryStore _temporary = new();

    public void Dispose() => _temporary.Dispose();

    [Fact]
    public async Task AFreshFileIsCreatedInWalModeAtTheCurrentSchemaVersion()
    {
        await _temporary.Store.InitializeAsync();

        Assert.Equal("wal", await PragmaAsync("journal_mode"));
        Assert.Equal(SqliteGraphStore.SchemaVersion, Convert.ToInt32(await PragmaAsync("user_version"), System.Globalization.CultureInfo.InvariantCulture));
        Assert.True(SqliteGraphStore.SchemaVersion >= 1);
    }

    [Fact]
    public async Task AFileWithANewerSchemaIsRefusedWithAMessageThatSaysSo()
    {
        await _temporary.Store.InitializeAsync();
        await PragmaAsync($"user_version = {SqliteGraphStore.SchemaVersion + 1}");
        using var later = _temporary.Reopen();

        var error = await Assert.ThrowsAsync<StoreRefusedException>(() => later.InitializeAsync());

        Assert.Contains($"version {SqliteGraphStore.SchemaVersion + 1}, newer than this release", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AVersion1FileGainsTheChangeLog_KeepingItsGraph()
    {
        var (version, schema) = SqlResources.Migrations[0];
        Assert.Equal(1, version);
        await using (var connection = new SqliteConnection($"Data Source={_temporary.Store.DatabasePath}"))
        {
            // The file as release 1 left it: its schema, its version and a node it wrote.
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = schema + """
                PRAGMA user_version = 1;
                INSERT INTO node (id, label, name, props, basis, source, excerpt, reason, created_at, updated_at, updated_by)
                VALUES ('who', 'Organization', 'World Health Organization', '{"kind":"UN_AGENCY"}', 'INFERRED', NULL, NULL,
                        'Written by release 1.', '2024-01-01T00:00:00.0000000+00:00', '2024-02-01T00:00:00.0000000+00:00', 'seed');
                """;
            await command.ExecuteNonQueryAsync();
        }

        var store = _temporary.Store;
        await store.InitializeAsync();

        Assert.Equal(SqliteGraphStore.SchemaVersion, Convert.ToInt32(await PragmaAsync("user_version"), System.Globalization.CultureInfo.InvariantCulture));
        var who = Assert.Single(await store.GetNodesAsync(["who"]));
        Assert.Equal(("World Health Organization", "UN_AGENCY"), (who.Name, who.GetString("kind")));
        Assert.Equal(
            new WriteStamp(new DateTimeOffset(2024, 1, 1, 0, 0, 0, TimeSpan.Zero), new DateTimeOffset(2024, 2, 1, 0, 0, 0, TimeSpan.Zero), "seed"),
            who.Stamp);
        Assert.Empty(await store.GetChangesAsync(10));
        var hiv = new GraphNode("hiv", NodeLabels.Theme, "HIV", GraphRelationship.NoProperties, Provenance.Inferred("Added after the upgrade."));
        var result = await store.ApplyAsync(new GraphChange(
            "alice", "upsertTheme", "hiv", [hiv],
            [new GraphRelationship(RelationshipTypes.HasTheme, "who", "hiv", GraphRelationship.NoProperties, hiv.Provenance)], []));
        Assert.Equal((2, 0, 0), (result.Created, result.Updated, result.Removed));
        Assert.Equal([result.Entry], await store.GetChangesAsync(10));
    }

    [Fact]
    public async Task AVersion4FileGetsPartialSourceIndexes_AndADocumentsFactsAreFoundThroughThemAsBefore()
    {
        await _temporary.SeedAsync();
        var document = (await _temporary.Store.ListNodesAsync(new NodeListQuery(NodeLabels.Document, First: 1))).Nodes[0].Id;
        var before = await DocumentFactsReader.ReadAllAsync(_temporary.Store, document);
        Assert.NotEmpty(before.Nodes);
        Assert.NotEmpty(before.Relationships);
        await using (var connection = new SqliteConnection($"Data Source={_temporary.Store.DatabasePath};Pooling=False"))
        {
            // The file as version 4 left it: full indexes by source (and no version 5 sharing scores).
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = $$"""
                {{SqliteAgencyItemsTests.DropAgencyShare}}
                DROP INDEX node_by_source; CREATE INDEX node_by_source ON node (source);
                DROP INDEX edge_by_source; CREATE INDEX edge_by_source ON edge (source);
                PRAGMA user_version = 4;
                """;
            await command.ExecuteNonQueryAsync();
        }

        using (var reopened = _temporary.Reopen())
        {
            await reopened.InitializeAsync();
            var after = await DocumentFactsReader.ReadAllAsync(reopened, document);
            Assert.Equal(before.Nodes.Select(n => n.Id), after.Nodes.Select(n => n.Id));
            Assert.Equal(before.Relationships.Select(r => (r.Type, r.FromId, r.ToId, r.Provenance)), after.Relationships.Select(r => (r.Type, r.FromId, r.ToId, r.Provenance)));
        }

        Assert.Equal(SqliteGraphStore.SchemaVersion, Convert.ToInt32(await PragmaAsync("user_version"), System.Globalization.CultureInfo.InvariantCulture));
        await using var check = new SqliteConnection($"Data Source={_temporary.Store.DatabasePath};Pooling=False");
        await check.OpenAsync();
        foreach (var (table, index) in new[] { ("node", "node_by_source"), ("edge", "edge_by_source") })
        {
            await using var command = check.CreateCommand();
            command.CommandText = $"SELECT sql FROM sqlite_master WHERE name = '{index}'";
            Assert.EndsWith("WHERE source IS NOT NULL", (string)(await command.ExecuteScalarAsync())!, StringComparison.Ordinal);

            // The lookup by document still goes through the (now partial) index, and it holds only rows that cite a document.
            command.CommandText = $"EXPLAIN QUERY PLAN SELECT * FROM {table} WHERE source = @doc";
            command.Parameters.AddWithValue("@doc", document);
            var plan = new List<string>();
            await using (var reader = await command.ExecuteReaderAsync())
            {
                while (await reader.ReadAsync())
                {
                    plan.Add(reader.GetString(3));
                }
            }

            Assert.Contains(plan, p => p.Contains($"INDEX {index}", StringComparison.Ordinal));
            command.Parameters.Clear();
            command.CommandText = $"SELECT COUNT(*) FROM {table} INDEXED BY {index} WHERE source IS NOT NULL";
            var indexed = (long)(await command.ExecuteScalarAsync())!;
            command.CommandText = $"SELECT COUNT(*) FROM {table} WHERE source IS NOT NULL";
            Assert.Equal((long)(await command.ExecuteScalarAsync())!, indexed);
        }
    }

    /// <summary>
    /// A file of version 6 (the edge table's CHECK allows STATED and INFERRED only) gets the wider CHECK in place, the
    /// same text a new file has, and its aggregates created again and filled; and the same process then writes a derived
    /// alignment, which coverage counts (no connection keeps the old rule).
    /// </summary>
    [Fact]
    public async Task AVersion6FileGetsTheDerivedBasis_InTheEdgeTablesCheckAndInEveryAggregate()
    {
        Assert.True((await _temporary.SeedAsync()).IsValid);
        var fresh = await EdgeTableSqlAsync();
        Assert.Contains("basis = 'DERIVED' AND type = 'ALIGNS_WITH'", fresh, StringComparison.Ordinal);
        await using (var connection = new SqliteConnection($"Data Source={_temporary.Store.DatabasePath};Pooling=False"))
        {
            // The file as version 6 left it: the narrow CHECK (0007 drops and creates the aggregates whatever they were).
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = """
                PRAGMA writable_schema = ON;
                UPDATE sqlite_schema SET sql = replace(sql, ' OR (basis = ''DERIVED'' AND type = ''ALIGNS_WITH'')', '') WHERE name = 'edge';
                PRAGMA writable_schema = OFF;
                PRAGMA user_version = 6;
                """;
            await command.ExecuteNonQueryAsync();
        }

        var narrow = await EdgeTableSqlAsync();
        Assert.DoesNotContain("DERIVED", narrow, StringComparison.Ordinal);
        using var reopened = _temporary.Reopen();
        await reopened.InitializeAsync();

        Assert.Equal(fresh, await EdgeTableSqlAsync());
        var check = await reopened.CheckAggregatesAsync();
        Assert.True(check.IsExact, string.Join(Environment.NewLine, check.Differences));
        await reopened.ApplyAsync(new GraphChange("import", "iatiImport", "who-hwf-strategy", [], [new GraphRelationship(
            RelationshipTypes.AlignsWith, "who-hwf-strategy", "sdg-target-16.9", GraphRelationship.NoProperties, Provenance.Derived("A rule.", "who-uhcp-tajikistan", "a code"))], []));
        Assert.Equal(["who"], (await reopened.GetGoalCoverageAsync("16", Basis.Derived))!.Targets.Single(t => t.Target.Id == "sdg-target-16.9").AgencyIds);
    }

    /// <summary>
    /// A version 8 file (nodes without their period, no period indexes, and REGION rows of no aggregate) gets both when
    /// opened: the periods of ILO's 2021 work, found by the period filter, and the aggregates exact, REGION included.
    /// </summary>
    [Fact]
    public async Task AVersion8FileGetsThePeriodsOfItsWork_AndTheRegionsOfItsAggregates()
    {
        Assert.True((await _temporary.SeedAsync()).IsValid);
        await using (var connection = new SqliteConnection($"Data Source={_temporary.Store.DatabasePath};Pooling=False"))
        {
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = """
                DROP INDEX node_period; DROP INDEX node_period_running;
                DROP TRIGGER agency_work_delta_region; DROP TRIGGER edge_delta_region; DROP TRIGGER agency_items_place_level;
                DROP VIEW place_region; DROP VIEW place_below;
                UPDATE node SET props = json_remove(props, '$.periodStart', '$.periodEnd');
                DELETE FROM agency_item WHERE dimension = 'REGION';
                PRAGMA user_version = 8;
                """;
            await command.ExecuteNonQueryAsync();
        }

        using var reopened = _temporary.Reopen();
        await reopened.InitializeAsync();

        var active = await reopened.ListNodesAsync(new NodeListQuery(NodeLabels.Deliverable, NodeField.ActiveBetween("2021-01-01", "2021-12-31")));
        Assert.Equal(6, active.TotalCount);
        Assert.All(active.Nodes, n => Assert.Equal(("2021-01-01", "2021-12-31"), (n.GetString(NodeProperties.PeriodStart), n.GetString(NodeProperties.PeriodEnd))));
        var sughd = Assert.Single(await reopened.GetItemHoldersAsync(OverlapDimension.Region, ["place-3505000"], null, 5));
        Assert.Equal(["who"], sughd.Agencies.Select(a => a.AgencyId));
        var check = await reopened.CheckAggregatesAsync();
        Assert.True(check.IsExact, string.Join(Environment.NewLine, check.Differences));
    }

    private async Task<string> EdgeTableSqlAsync()
    {
        await using var connection = new SqliteConnection($"Data Source={_temporary.Store.DatabasePath};Pooling=False");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT sql FROM sqlite_schema WHERE type = 'table' AND name = 'edge'";
        return (string)(await command.ExecuteScalarAsync())!;
    }

    private async Task<string> PragmaAsync(string pragma)
    {
        await using var connection = new SqliteConnection($"Data Source={_temporary.Store.DatabasePath}");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = $"PRAGMA {pragma};";
        return Convert.ToString(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture) ?? "";
    }
}
