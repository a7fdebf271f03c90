using System.Text.Json;
using FsCheck.Fluent;
using HealthGraph.Graph;
using HealthGraph.Store;
using HealthGraph.Store.Sqlite;
using HealthGraph.Tests.Support;
using Microsoft.Data.Sqlite;

namespace HealthGraph.Tests.Store;

/// <summary>
/// The goal-coverage aggregate (coverage_link and its counts) that the SQLite store keeps by triggers must always
/// answer what its definition, Sql/sdg_work.sql, computes from the relationships: for every goal and target, every
/// basis, bounded or not; after the bulk load, after the migration that creates it, and after any sequence of writes
/// through <see cref="IGraphStore.ApplyAsync"/>. The triggers must also leave exactly what a fresh fill computes.
/// </summary>
public sealed class SqliteCoverageTests : IDisposable
{
    private static readonly Basis?[] s_bases = [null, Basis.Stated, Basis.Inferred];

    private readonly TemporaryStore _temporary = new();

    private SqliteConnection Open()
    {
        var connection = new SqliteConnection(
            new SqliteConnectionStringBuilder { DataSource = _temporary.Store.DatabasePath, Pooling = false }.ToString());
        connection.Open();
        return connection;
    }

    /// <summary>For every SDG node, basis and bound: the aggregate's answer and sdg_work.sql's, as JSON.</summary>
    private async Task AssertCoverageEqualsRecomputationAsync()
    {
        await using var connection = Open();
        await using var ids = connection.CreateCommand();
        ids.CommandText = "SELECT id FROM node WHERE label IN ('SdgGoal', 'SdgTarget') ORDER BY id";
        var sdgs = new List<string>();
        await using (var reader = await ids.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                sdgs.Add(reader.GetString(0));
            }
        }

        Assert.NotEmpty(sdgs);
        var compared = 0;
        foreach (var basis in s_bases)
        {
            foreach (var first in new int?[] { null, 2 })
            {
                var stored = await SqliteGraphStore.ReadCoverageAsync(connection, sdgs, basis, first, CancellationToken.None);
                var recomputed = await SqliteGraphStore.ReadSdgWorkAsync(connection, sdgs, withTargets: false, basis, first, limited: null, CancellationToken.None);
                foreach (var sdg in sdgs)
                {
                    var expected = recomputed.GetValueOrDefault(sdg) ?? SdgWork.None(sdg);
                    Assert.Equal(JsonSerializer.Serialize(expected), JsonSerializer.Serialize(stored.GetValueOrDefault(sdg) ?? SdgWork.None(sdg)));
                    compared += expected.ContributionCount;
                }
            }
        }

        Assert.True(compared > 0, "No SDG node has any work to compare.");
    }

    /// <summary>The aggregate's tables as the triggers left them, and as coverage_fill.sql computes them afresh.</summary>
    private async Task AssertTablesEqualAFreshFillAsync()
    {
        await using var connection = Open();
        const string Dump = """
            SELECT 'L|' || sdg || '|' || agency || '|' || item || '|' || via || '|' || aligned || '|' || basis FROM coverage_link
            UNION ALL SELECT 'A|' || sdg || '|' || agency || '|' || stated || '|' || inferred || '|' || total FROM coverage_agency
            UNION ALL SELECT 'I|' || sdg || '|' || label || '|' || item || '|' || stated || '|' || inferred || '|' || total FROM coverage_item
            UNION ALL SELECT 'C|' || sdg || '|' || label || '|' || stated || '|' || inferred || '|' || total FROM coverage_count
            ORDER BY 1
            """;
        async Task<List<string>> DumpAsync(SqliteTransaction transaction)
        {
            await using var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = Dump;
            await using var reader = await command.ExecuteReaderAsync();
            var rows = new List<string>();
            while (await reader.ReadAsync())
            {
                rows.Add(reader.GetString(0));
            }

            return rows;
        }

        await using var transaction = connection.BeginTransaction();
        var kept = await DumpAsync(transaction);
        using var stream = typeof(SqliteGraphStore).Assembly.GetManifestResourceStream("sqlite/Sql/coverage_fill.sql")!;
        await using (var fill = connection.CreateCommand())
        {
            fill.Transaction = transaction;
            fill.CommandText = await new StreamReader(stream).ReadToEndAsync();
            await fill.ExecuteNonQueryAsync();
        }

        Assert.Equal(await DumpAsync(transaction), kept);
        await transaction.RollbackAsync();
    }

    [Fact]
    public async Task TheBulkLoadFillsTheAggregateSoItAnswersAsTheRelationshipsDo()
    {
        Assert.True((await _temporary.SeedAsync()).IsValid);
        await AssertCoverageEqualsRecomputationAsync();
    }

    [Fact]
    public async Task TheMigrationFillsTheAggregateOfAnExistingStore()
    {
        Assert.True((await _temporary.SeedAsync()).IsValid);
        // As a store of schema version 3 would be: no coverage aggregate (nor version 5's), no triggers that keep it.
        await using (var connection = Open())
        {
            await using var command = connection.CreateCommand();
            command.CommandText = $$"""
                {{SqliteAgencyItemsTests.DropAgencyShare}}
                DROP TRIGGER agency_items_coverage_work_insert; DROP TRIGGER agency_items_coverage_work_delete;
                DROP TRIGGER coverage_edge_delta_apply;
                DROP VIEW coverage_link_delta; DROP VIEW coverage_key_delta; DROP VIEW coverage_agency_delta;
                DROP VIEW coverage_item_delta; DROP VIEW coverage_count_delta;
                DROP TABLE coverage_link; DROP TABLE coverage_agency; DROP TABLE coverage_item; DROP TABLE coverage_count;
                PRAGMA user_version = 3;
                """;
            await command.ExecuteNonQueryAsync();
        }

        using (var reopened = _temporary.Reopen())
        {
            await reopened.InitializeAsync();
            Assert.NotEmpty((await reopened.GetGoalCoverageAsync("3"))!.Targets.SelectMany(t => t.Contributions));
        }

        await AssertCoverageEqualsRecomputationAsync();
        await AssertTablesEqualAFreshFillAsync();
    }

    [Fact]
    public async Task AnySequenceOfWritesKeepsTheAggregateExact()
    {
        Assert.True((await _temporary.SeedAsync()).IsValid);
        var store = _temporary.Store;
        var shapes = await RandomWrites.AggregateShapesAsync(store);

        RandomWrites.Check(
            store,
            shapes,
            async () =>
            {
                await AssertCoverageEqualsRecomputationAsync();
                await AssertTablesEqualAFreshFillAsync();
            },
            maxTest: 30);
    }

    public void Dispose() => _temporary.Dispose();
}
