using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Threading.Channels;
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
        if ((graph.PartCount > 0 || graph.Nodes.Count + graph.Relationships.Count >= StagedLoadMinimumRows)
            && await TryStagedLoadAsync(graph, progress, cancellationToken) is { } staged)
        {
            return staged;
        }

        return await WriteAsync((connection, transaction) => LoadGraphAsync(connection, transaction, graph, progress, cancellationToken), cancellationToken);
    }

    /// <summary>
    /// The load itself, in the caller's transaction: into the store, or into a staging file (see <see cref="TryStagedLoadAsync"/>),
    /// the graph's own nodes and relationships, then each of its parts (<see cref="SeedGraph.Parts"/>), holding one or two
    /// parts at a time.
    /// </summary>
    private async Task<LoadReport> LoadGraphAsync(
        SqliteConnection connection, SqliteTransaction transaction, SeedGraph graph, IProgress<LoadProgress>? progress, CancellationToken cancellationToken)
    {
        var now = Now();
        var phases = new LoadPhases();
        var tally = new LoadTally();
        var done = 0;
        void PartDone()
        {
            if (graph.PartCount > 0)
            {
                progress?.Report(new LoadProgress("parts", done, graph.PartCount));
            }

            done++;
        }

        var deferred = await DeferIndexesIfEmptyAsync(connection, transaction, cancellationToken);
        if (deferred is null)
        {
            foreach (var section in graph.Sections())
            {
                // Checked before the section is written (a foreign-key error would not say which node is missing).
                if (await MissingNodesAsync(connection, transaction, section.EndsOutside(), cancellationToken) is { Count: > 0 } missing)
                {
                    throw GraphChangeRejectedException.MissingEnds(missing);
                }

                tally.Add(
                    await UpsertNodesAsync(connection, transaction, section.Nodes, SeedWriter, now, progress, cancellationToken),
                    await UpsertRelationshipsAsync(connection, transaction, section.Relationships, SeedWriter, now, progress, cancellationToken));
                PartDone();
            }

            phases.Mark("nodes and relationships");
        }
        else
        {
            // Into an empty store, each section's relationships go in primary-key order (sorted on another core while the
            // section before goes in), so each lands at the end of the edge B-tree instead of on a random page of it; what
            // the aggregates need is taken on that core too, and their rows are computed beside the full-text index's fill.
            var input = new AggregateInput();
            await foreach (var section in PreparedAsync(graph, input, phases, cancellationToken))
            {
                tally.Add(
                    await InsertNewAsync(connection, transaction, "node", ["id", "label", "name"], section.Nodes, n => n.Label, NodeValues, UpsertNodesAsync, now, progress, "nodes", cancellationToken),
                    await InsertNewAsync(connection, transaction, "edge", ["src", "type", "dst"], section.Relationships, r => r.Type, RelationshipValues, UpsertRelationshipsAsync, now, progress, "relationships", cancellationToken));
                PartDone();
            }

            phases.Mark("nodes and relationships");

            LoadMemory.GiveBack(); // what the parts left behind, before the aggregates' rows are computed
            phases.Mark("memory given back");
            await RestoreIndexesAsync(connection, transaction, deferred, input, phases, cancellationToken);
        }

        var after = await ReadStatisticsAsync(connection, transaction, cancellationToken);
        phases.Mark("statistics");
        return new LoadReport(tally.Nodes, tally.Relationships, after) { Phases = phases.All };
    }

    /// <summary>
    /// Each section of <paramref name="graph"/> (<see cref="SeedGraph.Sections"/>) with its relationships in key order and
    /// its elements given to <paramref name="input"/>, made on another core while the caller inserts the one before: at
    /// most one waits. Making a part (a synthetic batch generated, validated and built) happens there too. Relationships
    /// whose ends are not nodes of this or an earlier section are refused, so the store (empty before the load) needs no
    /// foreign-key lookups.
    /// </summary>
    private static async IAsyncEnumerable<SeedGraph> PreparedAsync(
        SeedGraph graph, AggregateInput input, LoadPhases phases, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var channel = Channel.CreateBounded<SeedGraph>(new BoundedChannelOptions(1) { SingleReader = true, SingleWriter = true });
        var producer = Task.Run(
            async () =>
            {
                try
                {
                    var busy = TimeSpan.Zero;
                    var start = Stopwatch.GetTimestamp();
                    foreach (var section in graph.Sections())
                    {
                        var prepared = Prepared(section, input);
                        busy += Stopwatch.GetElapsedTime(start);
                        await channel.Writer.WriteAsync(prepared, stop.Token);
                        start = Stopwatch.GetTimestamp();
                    }

                    phases.Record("sections made, sorted and read for the aggregates (on another core)", busy);
                }
                finally
                {
                    channel.Writer.Complete();
                }
            },
            stop.Token);

        try
        {
            await foreach (var section in channel.Reader.ReadAllAsync(stop.Token))
            {
                yield return section;
            }

            await producer; // its failure (a part with problems, a relationship to no node), as it was thrown
        }
        finally
        {
            await stop.CancelAsync();
            await Task.WhenAny(producer); // it stops at its next write; its error, if any, was rethrown above
        }
    }

    /// <summary>A section with its relationships in key order, its nodes and relationships added to the aggregates' input.</summary>
    private static SeedGraph Prepared(SeedGraph section, AggregateInput input)
    {
        foreach (var node in section.Nodes)
        {
            input.Add(node);
        }

        var missing = section.Relationships.SelectMany(r => new[] { r.FromId, r.ToId }).Where(id => !input.IsNode(id)).Distinct(StringComparer.Ordinal).Take(11).ToList();
        if (missing.Count > 0)
        {
            throw GraphChangeRejectedException.MissingEnds(missing);
        }

        var relationships = InKeyOrder(section.Relationships);
        foreach (var relationship in relationships)
        {
            input.Add(relationship);
        }

        return section with { Relationships = relationships };
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

    /// <summary>Creates or updates elements as the seed writer: <see cref="UpsertNodesAsync"/> or <see cref="UpsertRelationshipsAsync"/>.</summary>
    private delegate Task<IReadOnlyDictionary<string, ChangeCounts>> Upsert<T>(
        SqliteConnection connection, SqliteTransaction transaction, IReadOnlyList<T> elements, string writer, string now,
        IProgress<LoadProgress>? progress, CancellationToken cancellationToken);

    /// <summary>
    /// Inserts elements into a table that was empty before the load began: each whose key is new is created by one
    /// statement bound with SQLite's own API (there is nothing to compare); each whose key is already there (given
    /// twice) then goes through <paramref name="upsert"/>, in order, so the last of a key wins as in any other load.
    /// </summary>
    private static async Task<IReadOnlyDictionary<string, ChangeCounts>> InsertNewAsync<T>(
        SqliteConnection connection,
        SqliteTransaction transaction,
        string table,
        string[] keyColumns,
        IReadOnlyList<T> elements,
        Func<T, string> group,
        Func<T, object[]> values,
        Upsert<T> upsert,
        string now,
        IProgress<LoadProgress>? progress,
        string phase,
        CancellationToken cancellationToken)
    {
        var repeated = new List<T>();
        await InsertRowsAsync(
            connection, table, [.. keyColumns, "props", "basis", "source", "excerpt", "reason"], elements,
            static (values, element, row) => values(element).CopyTo(row, 0), values, cancellationToken,
            [("created_at", now), ("updated_at", now), ("updated_by", SeedWriter)], progress, phase, repeated);
        var created = elements.GroupBy(group, StringComparer.Ordinal).ToDictionary(g => g.Key, g => new ChangeCounts(g.LongCount(), 0, 0), StringComparer.Ordinal);
        if (repeated.Count == 0)
        {
            return created;
        }

        foreach (var element in repeated)
        {
            var key = group(element);
            created[key] = created[key] with { Created = created[key].Created - 1 };
        }

        foreach (var (key, counts) in await upsert(connection, transaction, repeated, SeedWriter, now, null, cancellationToken))
        {
            created[key] += counts;
        }

        return created;
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
