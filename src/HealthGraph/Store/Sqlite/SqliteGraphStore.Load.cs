using HealthGraph.Graph;
using HealthGraph.Store.Sqlite.Aggregates;
using HealthGraph.Store.Sqlite.Loading;
using Microsoft.Data.Sqlite;

namespace HealthGraph.Store.Sqlite;

public sealed partial class SqliteGraphStore
{
    private const int ProgressEvery = 2_000;

    /// <summary>Who the seed tool writes as.</summary>
    public const string SeedWriter = "seed";

    public async Task<LoadReport> LoadAsync(SeedGraph graph, IProgress<LoadProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        if (graph.Nodes.Count + graph.Relationships.Count >= StagedLoadMinimumRows
            && await TryStagedLoadAsync(graph, progress, cancellationToken) is { } staged)
        {
            return staged;
        }

        return await WriteAsync((connection, transaction) => LoadGraphAsync(connection, transaction, graph, progress, cancellationToken), cancellationToken);
    }

    /// <summary>The load itself, in the caller's transaction: into the store, or into a staging file (see <see cref="TryStagedLoadAsync"/>).</summary>
    private async Task<LoadReport> LoadGraphAsync(
        SqliteConnection connection, SqliteTransaction transaction, SeedGraph graph, IProgress<LoadProgress>? progress, CancellationToken cancellationToken)
    {
        var now = Now();
        var phases = new LoadPhases();
        var deferred = await DeferIndexesIfEmptyAsync(connection, transaction, cancellationToken);

        // Into an empty store, relationships go in primary-key order (sorted on another core while the nodes go in), so
        // each lands at the end of the edge B-tree instead of on a random page of it; the aggregates' rows are computed
        // from the graph on that core too, while the relationships go in.
        var ordered = deferred is null ? Task.FromResult(graph.Relationships) : Task.Run<IReadOnlyList<GraphRelationship>>(() => InKeyOrder(graph.Relationships), cancellationToken);
        var aggregates = deferred is null
            ? null
            : ordered.ContinueWith(o => phases.Time("aggregate rows (in memory, beside the inserts)", () => AggregateRows.Compute(graph.Nodes, o.Result)), cancellationToken, TaskContinuationOptions.OnlyOnRanToCompletion, TaskScheduler.Default);
        var nodes = deferred is not null && graph.Nodes.Select(n => n.Id).Distinct(StringComparer.Ordinal).Count() == graph.Nodes.Count
            ? await InsertAllAsync(connection, "node", ["id", "label", "name"], graph.Nodes, n => n.Label, NodeValues, SeedWriter, now, progress, "nodes", cancellationToken)
            : await UpsertNodesAsync(connection, transaction, graph.Nodes, SeedWriter, now, progress, cancellationToken);
        phases.Mark("nodes");
        var inOrder = await ordered;
        var relationships = deferred is not null && NoKeyTwice(inOrder)
            ? await InsertAllAsync(connection, "edge", ["src", "type", "dst"], inOrder, r => r.Type, RelationshipValues, SeedWriter, now, progress, "relationships", cancellationToken)
            : await UpsertRelationshipsAsync(connection, transaction, inOrder, SeedWriter, now, progress, cancellationToken);
        phases.Mark("relationships");
        if (deferred is not null)
        {
            await RestoreIndexesAsync(connection, transaction, deferred, aggregates!, phases, cancellationToken);
        }

        var after = await ReadStatisticsAsync(connection, transaction, cancellationToken);
        phases.Mark("statistics");
        return new LoadReport(nodes, relationships, after) { Phases = phases.All };
    }

    /// <summary>
    /// Relationships in the edge table's key order (src, type, dst). Ordinal order is SQLite's BINARY order for these
    /// ids; where it is not (characters beyond the Basic Multilingual Plane), the load is only a little slower.
    /// </summary>
    private static GraphRelationship[] InKeyOrder(IReadOnlyList<GraphRelationship> relationships)
    {
        var sorted = relationships.ToArray();
        Array.Sort(sorted, static (a, b) =>
        {
            var c = string.CompareOrdinal(a.FromId, b.FromId);
            c = c != 0 ? c : string.CompareOrdinal(a.Type, b.Type);
            return c != 0 ? c : string.CompareOrdinal(a.ToId, b.ToId);
        });
        return sorted;
    }

    /// <summary>Creates or updates nodes by id as <paramref name="writer"/>; the loader and <see cref="ApplyAsync"/> share it.</summary>
    private static Task<IReadOnlyDictionary<string, ChangeCounts>> UpsertNodesAsync(
        SqliteConnection connection,
        SqliteTransaction transaction,
        IReadOnlyList<GraphNode> nodes,
        string writer,
        string now,
        IProgress<LoadProgress>? progress,
        CancellationToken cancellationToken) =>
        UpsertAsync(
            connection, transaction, nodes, "nodes", progress, n => n.Label,
            checkSql: """
                SELECT label IS NOT @label OR name IS NOT @name OR props IS NOT @props OR basis IS NOT @basis
                       OR source IS NOT @source OR excerpt IS NOT @excerpt OR reason IS NOT @reason
                  FROM node WHERE id = @id
                """,
            insertSql: """
                INSERT INTO node (id, label, name, props, basis, source, excerpt, reason, created_at, updated_at, updated_by)
                VALUES (@id, @label, @name, @props, @basis, @source, @excerpt, @reason, @now, @now, @by)
                ON CONFLICT (id) DO NOTHING
                """,
            updateSql: """
                UPDATE node SET label = @label, name = @name, props = @props, basis = @basis, source = @source,
                                excerpt = @excerpt, reason = @reason, updated_at = @now, updated_by = @by
                 WHERE id = @id
                   AND (label IS NOT @label OR name IS NOT @name OR props IS NOT @props OR basis IS NOT @basis
                        OR source IS NOT @source OR excerpt IS NOT @excerpt OR reason IS NOT @reason)
                """,
            values: NodeValues,
            ["@id", "@label", "@name", "@props"],
            writer,
            now,
            cancellationToken);

    /// <summary>Creates or updates relationships by (from, type, to) as <paramref name="writer"/>.</summary>
    private static Task<IReadOnlyDictionary<string, ChangeCounts>> UpsertRelationshipsAsync(
        SqliteConnection connection,
        SqliteTransaction transaction,
        IReadOnlyList<GraphRelationship> relationships,
        string writer,
        string now,
        IProgress<LoadProgress>? progress,
        CancellationToken cancellationToken) =>
        UpsertAsync(
            connection, transaction, relationships, "relationships", progress, r => r.Type,
            checkSql: """
                SELECT props IS NOT @props OR basis IS NOT @basis OR source IS NOT @source OR excerpt IS NOT @excerpt
                       OR reason IS NOT @reason
                  FROM edge WHERE src = @src AND type = @type AND dst = @dst
                """,
            insertSql: """
                INSERT INTO edge (src, type, dst, props, basis, source, excerpt, reason, created_at, updated_at, updated_by)
                VALUES (@src, @type, @dst, @props, @basis, @source, @excerpt, @reason, @now, @now, @by)
                ON CONFLICT (src, type, dst) DO NOTHING
                """,
            updateSql: """
                UPDATE edge SET props = @props, basis = @basis, source = @source, excerpt = @excerpt, reason = @reason,
                                updated_at = @now, updated_by = @by
                 WHERE src = @src AND type = @type AND dst = @dst
                   AND (props IS NOT @props OR basis IS NOT @basis OR source IS NOT @source
                        OR excerpt IS NOT @excerpt OR reason IS NOT @reason)
                """,
            values: RelationshipValues,
            ["@src", "@type", "@dst", "@props"],
            writer,
            now,
            cancellationToken);

    /// <summary>A node's values of @id, @label, @name, @props, then its provenance's.</summary>
    private static object[] NodeValues(GraphNode n) => [n.Id, n.Label, n.Name, SqliteRows.SerializeProperties(n.Properties), .. ProvenanceValues(n.Provenance)];

    /// <summary>A relationship's values of @src, @type, @dst, @props, then its provenance's.</summary>
    private static object[] RelationshipValues(GraphRelationship r) =>
        [r.FromId, r.Type, r.ToId, SqliteRows.SerializeProperties(r.Properties), .. ProvenanceValues(r.Provenance)];

    /// <summary>Whether no two of the relationships, in key order, have the same key.</summary>
    private static bool NoKeyTwice(IReadOnlyList<GraphRelationship> inKeyOrder)
    {
        for (var i = 1; i < inKeyOrder.Count; i++)
        {
            var (a, b) = (inKeyOrder[i - 1], inKeyOrder[i]);
            if (a.FromId == b.FromId && a.Type == b.Type && a.ToId == b.ToId)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>
    /// Inserts elements into an empty table when none repeats a key (a seed's graph): each is created, so there is nothing
    /// to compare and multi-row inserts do what <see cref="UpsertAsync"/> does one row at a time.
    /// </summary>
    private static async Task<IReadOnlyDictionary<string, ChangeCounts>> InsertAllAsync<T>(
        SqliteConnection connection,
        string table,
        string[] keyColumns,
        IReadOnlyList<T> elements,
        Func<T, string> group,
        Func<T, object[]> values,
        string writer,
        string now,
        IProgress<LoadProgress>? progress,
        string phase,
        CancellationToken cancellationToken)
    {
        await InsertRowsAsync(
            connection, table, [.. keyColumns, "props", "basis", "source", "excerpt", "reason"], elements,
            static (values, element, row) => values(element).CopyTo(row, 0), values, cancellationToken,
            [("created_at", now), ("updated_at", now), ("updated_by", writer)], progress, phase);
        return elements.GroupBy(group, StringComparer.Ordinal).ToDictionary(g => g.Key, g => new ChangeCounts(g.LongCount(), 0, 0), StringComparer.Ordinal);
    }

    /// <summary>The values of @basis, @source, @excerpt and @reason, in that order.</summary>
    private static object[] ProvenanceValues(Provenance provenance) =>
    [
        Provenance.ToCode(provenance.Basis),
        SqliteRows.DbValue(provenance.DocumentId),
        SqliteRows.DbValue(provenance.Excerpt),
        SqliteRows.DbValue(provenance.Reason),
    ];

    /// <summary>
    /// Creates each element that is new, updates each that differs, and leaves the rest untouched (so updated_at
    /// only moves when something changed). Two prepared statements, reused for every element.
    /// </summary>
    private static async Task<IReadOnlyDictionary<string, ChangeCounts>> UpsertAsync<T>(
        SqliteConnection connection,
        SqliteTransaction transaction,
        IReadOnlyList<T> elements,
        string phase,
        IProgress<LoadProgress>? progress,
        Func<T, string> group,
        string checkSql,
        string insertSql,
        string updateSql,
        Func<T, object[]> values,
        string[] keyParameters,
        string writer,
        string now,
        CancellationToken cancellationToken)
    {
        // The check first, and the insert or update only when it says so: SQLite compiles into a write statement every
        // trigger it may fire (the aggregates' triggers make that about 1.5 ms for a write on edge), and Microsoft.Data.Sqlite
        // prepares a command when it first runs, so a change whose rows are all unchanged prepares no write at all.
        await using var check = Prepare(connection, transaction, checkSql, keyParameters, writer, now);
        await using var insert = Prepare(connection, transaction, insertSql, keyParameters, writer, now);
        await using var update = Prepare(connection, transaction, updateSql, keyParameters, writer, now);
        var counts = new SortedDictionary<string, (long Created, long Updated, long Unchanged)>(StringComparer.Ordinal);

        for (var i = 0; i < elements.Count; i++)
        {
            var element = elements[i];
            var row = values(element); // computed once (properties are serialized once), bound to each statement
            var key = group(element);
            var c = counts.GetValueOrDefault(key);
            var differs = await Bind(check, row).ExecuteScalarAsync(cancellationToken); // null: no such row; 0: same; 1: differs
            if (differs is null or DBNull && await Bind(insert, row).ExecuteNonQueryAsync(cancellationToken) == 1)
            {
                c.Created++;
            }
            else if (differs is not 0L && await Bind(update, row).ExecuteNonQueryAsync(cancellationToken) == 1)
            {
                c.Updated++;
            }
            else
            {
                c.Unchanged++;
            }

            counts[key] = c;
            if ((i + 1) % ProgressEvery == 0 || i + 1 == elements.Count)
            {
                progress?.Report(new LoadProgress(phase, i + 1, elements.Count));
            }
        }

        return counts.ToDictionary(p => p.Key, p => new ChangeCounts(p.Value.Created, p.Value.Updated, p.Value.Unchanged), StringComparer.Ordinal);
    }

    /// <summary>Sets the command's first parameters (the key parameters, then provenance) to <paramref name="row"/>.</summary>
    private static SqliteCommand Bind(SqliteCommand command, object[] row)
    {
        for (var p = 0; p < row.Length; p++)
        {
            command.Parameters[p].Value = row[p];
        }

        return command;
    }

    private static SqliteCommand Prepare(SqliteConnection connection, SqliteTransaction transaction, string sql, string[] keys, string writer, string now)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        foreach (var name in keys.Concat(["@basis", "@source", "@excerpt", "@reason"]))
        {
            command.Parameters.Add(new SqliteParameter(name, DBNull.Value));
        }

        command.Parameters.AddWithValue("@now", now);
        command.Parameters.AddWithValue("@by", writer);
        return command;
    }
}
