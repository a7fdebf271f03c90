using HealthGraph.Store.Sqlite.Aggregates;
using HealthGraph.Store.Sqlite.Loading;
using Microsoft.Data.Sqlite;
using static HealthGraph.Store.Sqlite.Connections.SqliteCommands;

namespace HealthGraph.Store.Sqlite;

public sealed partial class SqliteGraphStore
{
    /// <summary>
    /// Writes the aggregates of a load into an empty store, computed in memory (<see cref="AggregateRows"/>), in place of
    /// whatever the tables held: the rows the SQL fills would give, each table's rows in primary-key order.
    /// </summary>
    private static async Task InsertAggregatesAsync(
        SqliteConnection connection, SqliteTransaction transaction, AggregateRows rows, LoadPhases phases, CancellationToken cancellationToken)
    {
        await ExecuteAsync(
            connection,
            "DELETE FROM coverage_count; DELETE FROM coverage_item; DELETE FROM coverage_agency; DELETE FROM coverage_link; DELETE FROM agency_share; DELETE FROM agency_item; DELETE FROM agency_work;",
            cancellationToken,
            transaction);
        var ids = rows.Ids;
        await InsertRowsAsync(connection, "agency_work", ["item", "agency", "stated", "inferred"], rows.AgencyWork,
            static (ids, r, v) => { v[0] = ids[r.Item]; v[1] = ids[r.Agency]; v[2] = r.Stated; v[3] = r.Inferred; }, ids, cancellationToken);
        phases.Mark("agency_work rows");
        await InsertRowsAsync(connection, "agency_item", ["agency", "dimension", "item", "stated", "inferred", "derived"], rows.AgencyItem,
            static (ids, r, v) =>
            {
                v[0] = ids[r.Agency]; v[1] = AggregateRows.Dimensions[r.Dimension]; v[2] = ids[r.Item];
                (v[3], v[4], v[5]) = (r.Counts.Stated, r.Counts.Inferred, r.Counts.Derived);
            },
            ids, cancellationToken);
        phases.Mark("agency_item rows");
        await InsertRowsAsync(connection, "agency_share", ["dimension", "basis", "agency", "score"], rows.AgencyShare,
            static (ids, r, v) => { v[0] = AggregateRows.Dimensions[r.Dimension]; v[1] = r.Basis; v[2] = ids[r.Agency]; v[3] = r.Score; }, ids, cancellationToken);
        phases.Mark("agency_share rows");
        await InsertRowsAsync(connection, "coverage_link", ["sdg", "agency", "item", "via", "aligned", "basis"], rows.CoverageLink,
            static (ids, r, v) =>
            {
                v[0] = ids[r.Sdg]; v[1] = ids[r.Agency]; v[2] = ids[r.Item]; v[3] = r.Via; v[4] = ids[r.Aligned];
                v[5] = Graph.Provenance.ToCode(r.Basis);
            },
            ids, cancellationToken);
        phases.Mark("coverage_link rows");
        await InsertRowsAsync(connection, "coverage_agency", ["sdg", "agency", "stated", "inferred", "derived", "total"], rows.CoverageAgency,
            static (ids, r, v) => { v[0] = ids[r.Sdg]; v[1] = ids[r.Agency]; (v[2], v[3], v[4]) = (r.Counts.Stated, r.Counts.Inferred, r.Counts.Derived); v[5] = r.Total; },
            ids, cancellationToken);
        phases.Mark("coverage_agency rows");
        await InsertRowsAsync(connection, "coverage_item", ["sdg", "label", "item", "stated", "inferred", "derived", "total"], rows.CoverageItem,
            static (rows, r, v) =>
            {
                v[0] = rows.Ids[r.Sdg]; v[1] = rows.Labels[r.Item]; v[2] = rows.Ids[r.Item];
                (v[3], v[4], v[5], v[6]) = (r.Stated, r.Inferred, r.Derived, r.Total);
            },
            rows, cancellationToken);
        phases.Mark("coverage_item rows");
        await InsertRowsAsync(connection, "coverage_count", ["sdg", "label", "stated", "inferred", "derived", "total"], rows.CoverageCount,
            static (ids, r, v) => { v[0] = ids[r.Sdg]; v[1] = r.Label; (v[2], v[3], v[4]) = (r.Counts.Stated, r.Counts.Inferred, r.Counts.Derived); v[5] = r.Total; },
            ids, cancellationToken);
        phases.Mark("coverage_count rows");
    }
}

public sealed partial class SqliteGraphStore
{
    /// <summary>
    /// Rebuilds every aggregate (agency_work, agency_item, agency_share and the goal-coverage tables) from the graph in one
    /// write transaction: the triggers that keep them are set aside, the fills of the migrations that created them run
    /// again, and the triggers are put back, so a failure leaves the store as it was.
    /// </summary>
    public async Task RebuildAggregatesAsync(CancellationToken cancellationToken = default)
    {
        await WriteAsync(
            async (connection, transaction) =>
            {
                var triggers = new List<(string Name, string Sql)>();
                await using (var command = connection.CreateCommand())
                {
                    command.Transaction = transaction;
                    command.CommandText = "SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND name LIKE @aggregate ORDER BY name";
                    command.Parameters.AddWithValue("@aggregate", AggregateFills.TriggerPrefix + "%");
                    await using var reader = await command.ExecuteReaderAsync(cancellationToken);
                    while (await reader.ReadAsync(cancellationToken))
                    {
                        triggers.Add((reader.GetString(0), reader.GetString(1)));
                    }
                }

                foreach (var (name, _) in triggers)
                {
                    // DDL takes no parameters; the names come from the store's own schema, not from input.
                    await ExecuteAsync(connection, $"DROP TRIGGER \"{name}\";", cancellationToken, transaction);
                }

                await AggregateFills.FillAllAsync(connection, transaction, cancellationToken);
                foreach (var (_, sql) in triggers)
                {
                    await ExecuteAsync(connection, sql, cancellationToken, transaction);
                }

                return triggers.Count;
            },
            cancellationToken);
    }

    /// <summary>
    /// agency_item as stored against agency_links.sql's links counted per key and basis, and every SDG node's work from
    /// the goal-coverage tables against sdg_work.sql's. Each comparison's two reads are apart, so a write between them can
    /// show as a difference: check a quiet store, or check again.
    /// </summary>
    public async Task<AggregateCheck> CheckAggregatesAsync(int first = 20, CancellationToken cancellationToken = default)
    {
        var recomputedSql = LinksSql("Sql/agency_item_check.sql");
        return await UseAsync(
            async connection =>
            {
                async Task<Dictionary<string, BasisCounts>> ReadAsync(string sql)
                {
                    await using var command = Command(connection, sql, ("@agencies", null), ("@limited", null));
                    await using var reader = await command.ExecuteReaderAsync(cancellationToken);
                    var rows = new Dictionary<string, BasisCounts>(StringComparer.Ordinal);
                    while (await reader.ReadAsync(cancellationToken))
                    {
                        rows[$"{reader.GetString(0)} {reader.GetString(1)} {reader.GetString(2)}"] = new(reader.GetInt64(3), reader.GetInt64(4), reader.GetInt64(5));
                    }

                    return rows;
                }

                var stored = await ReadAsync("SELECT agency, dimension, item, stated, inferred, derived FROM agency_item");
                var recomputed = await ReadAsync(recomputedSql);
                var differences = AggregateCheck.Compare(stored, recomputed).ToList();
                var sdgs = await QueryAsync(
                    connection, "SELECT id FROM node WHERE label IN ('SdgGoal', 'SdgTarget') ORDER BY id", r => r.GetString(0), cancellationToken);
                differences.AddRange(AggregateCheck.CompareWork(
                    await ReadCoverageAsync(connection, sdgs, basis: null, first: null, cancellationToken),
                    await ReadSdgWorkAsync(connection, sdgs, withTargets: false, basis: null, first: null, limited: null, cancellationToken)));
                return new AggregateCheck(stored.Count, [.. differences.Take(first)], differences.Count);
            },
            cancellationToken);
    }
}
