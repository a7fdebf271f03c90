using System.Globalization;
using HealthGraph.Store.Sqlite.Aggregates;
using HealthGraph.Store.Sqlite.Loading;
using Microsoft.Data.Sqlite;
using SQLitePCL;
using static HealthGraph.Store.Sqlite.Connections.SqliteCommands;

namespace HealthGraph.Store.Sqlite;

public sealed partial class SqliteGraphStore
{
    /// <summary>The trigger that keeps full-text search in step with inserted nodes (0001_property_graph.sql).</summary>
    private const string FullTextInsertTrigger = "node_fts_after_insert";

    /// <summary>
    /// Before a load into an empty store: drops the secondary indexes of node and edge, the full-text insert trigger and
    /// the triggers of the partner-overlap, sharing-score and goal-coverage aggregates (their tables are filled in one pass after the insert), and returns the SQL that
    /// recreates them (as sqlite_master holds it), or null when the store is not empty. Maintaining four B-trees and the full-text index row by row made a million-deliverable load take many
    /// minutes; building them once after the insert sorts each in one pass. It all happens inside the load's one
    /// transaction, so a load that fails or is killed leaves the schema, like the data, as it was.
    /// </summary>
    private static async Task<IReadOnlyList<(string Type, string Sql)>?> DeferIndexesIfEmptyAsync(
        SqliteConnection connection, SqliteTransaction transaction, CancellationToken cancellationToken)
    {
        if (await ScalarAsync(connection, transaction, "SELECT EXISTS (SELECT 1 FROM node);", cancellationToken) is not 0L)
        {
            return null;
        }

        var deferred = new List<(string Type, string Name, string Sql)>();
        await using (var command = connection.CreateCommand())
        {
            command.Transaction = transaction;
            command.CommandText = """
                SELECT type, name, sql FROM sqlite_master
                 WHERE tbl_name IN ('node', 'edge', 'agency_work', 'agency_item') AND sql IS NOT NULL
                   AND (type = 'index' OR (type = 'trigger' AND (name = @trigger OR name LIKE @aggregate)))
                 ORDER BY type, name
                """;
            command.Parameters.AddWithValue("@trigger", FullTextInsertTrigger);
            command.Parameters.AddWithValue("@aggregate", AggregateFills.TriggerPrefix + "%");
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                deferred.Add((reader.GetString(0), reader.GetString(1), reader.GetString(2)));
            }
        }

        foreach (var (type, name, _) in deferred)
        {
            // DDL takes no parameters; the names come from the store's own schema, not from input.
            await ExecuteAsync(connection, $"DROP {type.ToUpperInvariant()} \"{name}\";", cancellationToken, transaction);
        }

        return [.. deferred.Select(d => (d.Type, d.Sql))];
    }

    /// <summary>
    /// Fills the full-text index from the loaded nodes (what the dropped trigger did row by row) while the aggregates'
    /// rows are computed from <paramref name="input"/> on another core, writes those rows and lets them go, then recreates
    /// what was deferred. The rows are written before the indexes are built so that the process never holds them (and
    /// the graph they came from, hundreds of MB at a million deliverables) while SQLite's sorter holds its own.
    /// </summary>
    private static async Task RestoreIndexesAsync(
        SqliteConnection connection,
        SqliteTransaction transaction,
        IReadOnlyList<(string Type, string Sql)> deferred,
        AggregateInput input,
        LoadPhases phases,
        CancellationToken cancellationToken)
    {
        var rows = Task.Run(() => phases.Time("aggregate rows (in memory, beside the full-text index)", () => AggregateRows.Compute(input)), cancellationToken);
        if (deferred.Any(d => d.Type == "trigger" && d.Sql.Contains(FullTextInsertTrigger, StringComparison.Ordinal)))
        {
            await ExecuteAsync(
                connection, "INSERT INTO node_fts (rowid, name, body) SELECT node_rowid, name, body FROM node_search;", cancellationToken, transaction);
            phases.Mark("full-text index");
        }

        await InsertAggregatesAsync(connection, transaction, await rows, phases, cancellationToken);
        rows = null;
        LoadMemory.GiveBack();
        phases.Mark("aggregate rows let go");

        foreach (var (_, sql) in deferred.Where(d => d.Type == "index"))
        {
            await ExecuteAsync(connection, sql, cancellationToken, transaction);
            phases.Mark($"index {IndexName(sql)}");
        }

        // The triggers last: the goal-coverage triggers on agency_work would otherwise redo, row by row, what was just written.
        foreach (var (_, sql) in deferred.Where(d => d.Type != "index"))
        {
            await ExecuteAsync(connection, sql, cancellationToken, transaction);
        }

        phases.Mark("triggers");
    }

    /// <summary>The name in a CREATE INDEX statement, for the load's phase timings.</summary>
    private static string IndexName(string createIndex) =>
        createIndex.Split(' ', StringSplitOptions.RemoveEmptyEntries).SkipWhile(w => !w.Equals("INDEX", StringComparison.OrdinalIgnoreCase)).Skip(1).FirstOrDefault() ?? "?";

    /// <summary>How many rows go in between two looks at the cancellation token.</summary>
    private const int RowsPerCancellationCheck = 4_096;

    /// <summary>
    /// Inserts <paramref name="rows"/> into <paramref name="table"/> through one statement prepared and bound with
    /// SQLite's own API, in the connection's current transaction: Microsoft.Data.Sqlite's parameters cost several
    /// microseconds a value to bind, three times what SQLite then takes to insert a row. <paramref name="values"/> sets a
    /// row's column values (string, long, int or null), in <paramref name="columns"/> order; <paramref name="constants"/>
    /// are columns every row has the same text in, bound once. With <paramref name="conflicts"/>, a row whose key is
    /// already in the table is not inserted but added to that list.
    /// </summary>
    private static Task InsertRowsAsync<TRow, TState>(
        SqliteConnection connection,
        string table,
        string[] columns,
        IReadOnlyList<TRow> rows,
        Action<TState, TRow, object?[]> values,
        TState state,
        CancellationToken cancellationToken,
        (string Column, string Value)[]? constants = null,
        IProgress<LoadProgress>? progress = null,
        string phase = "",
        List<TRow>? conflicts = null)
    {
        constants ??= [];
        var db = connection.Handle!;
        var sql = string.Create(CultureInfo.InvariantCulture, $"""
            INSERT INTO {table} ({string.Join(", ", columns.Concat(constants.Select(c => c.Column)))})
            VALUES ({string.Join(", ", Enumerable.Range(1, columns.Length + constants.Length).Select(p => "?" + p.ToString(CultureInfo.InvariantCulture)))})
            {(conflicts is null ? "" : "ON CONFLICT DO NOTHING")}
            """);
        Check(db, raw.sqlite3_prepare_v2(db, sql, out var statement));
        using (statement)
        {
            for (var c = 0; c < constants.Length; c++)
            {
                Check(db, raw.sqlite3_bind_text(statement, columns.Length + c + 1, constants[c].Value));
            }

            var row = new object?[columns.Length];
            for (var r = 0; r < rows.Count; r++)
            {
                if (r % RowsPerCancellationCheck == 0)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                }

                values(state, rows[r], row);
                for (var c = 0; c < row.Length; c++)
                {
                    Check(db, row[c] switch
                    {
                        null or DBNull => raw.sqlite3_bind_null(statement, c + 1),
                        string text => raw.sqlite3_bind_text(statement, c + 1, text),
                        long number => raw.sqlite3_bind_int64(statement, c + 1, number),
                        int number => raw.sqlite3_bind_int64(statement, c + 1, number),
                        var other => throw new ArgumentException($"A {other.GetType().Name} cannot be bound here.", nameof(values)),
                    });
                }

                var done = raw.sqlite3_step(statement);
                if (done != raw.SQLITE_DONE)
                {
                    SqliteException.ThrowExceptionForRC(done, db);
                }

                if (conflicts is not null && raw.sqlite3_changes(db) == 0)
                {
                    conflicts.Add(rows[r]);
                }

                raw.sqlite3_reset(statement);
                if (progress is not null && ((r + 1) % ProgressEvery == 0 || r + 1 == rows.Count))
                {
                    progress.Report(new LoadProgress(phase, r + 1, rows.Count));
                }
            }
        }

        return Task.CompletedTask;
    }

    private static void Check(sqlite3 db, int rc)
    {
        if (rc != raw.SQLITE_OK)
        {
            SqliteException.ThrowExceptionForRC(rc, db);
        }
    }
}
