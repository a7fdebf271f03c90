using Microsoft.Data.Sqlite;

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
            command.Parameters.AddWithValue("@aggregate", AgencyItemsTriggerPrefix + "%");
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

    /// <summary>Fills the full-text index from the loaded nodes (what the dropped trigger did row by row) and recreates what was deferred.</summary>
    private static async Task RestoreIndexesAsync(
        SqliteConnection connection, SqliteTransaction transaction, IReadOnlyList<(string Type, string Sql)> deferred, CancellationToken cancellationToken)
    {
        if (deferred.Any(d => d.Type == "trigger" && d.Sql.Contains(FullTextInsertTrigger, StringComparison.Ordinal)))
        {
            await ExecuteAsync(
                connection, "INSERT INTO node_fts (rowid, name, body) SELECT rowid, name, search_text FROM node;", cancellationToken, transaction);
        }

        // The indexes first (the fills read through them), the triggers last: the goal-coverage triggers on agency_work
        // would otherwise redo, row by row, what its fill does in one pass.
        foreach (var (_, sql) in deferred.Where(d => d.Type == "index"))
        {
            await ExecuteAsync(connection, sql, cancellationToken, transaction);
        }

        await FillAgencyItemsAsync(connection, transaction, cancellationToken);
        await FillAgencyShareAsync(connection, transaction, cancellationToken);
        await FillCoverageAsync(connection, transaction, cancellationToken);
        foreach (var (_, sql) in deferred.Where(d => d.Type != "index"))
        {
            await ExecuteAsync(connection, sql, cancellationToken, transaction);
        }
    }
}
