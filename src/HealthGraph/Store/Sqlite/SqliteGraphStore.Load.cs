using HealthGraph.Graph;
using Microsoft.Data.Sqlite;

namespace HealthGraph.Store.Sqlite;

public sealed partial class SqliteGraphStore
{
    private const int ProgressEvery = 2_000;

    /// <summary>Who the seed tool writes as.</summary>
    public const string SeedWriter = "seed";

    public async Task<LoadReport> LoadAsync(SeedGraph graph, IProgress<LoadProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        return await WriteAsync(
            async (connection, transaction) =>
            {
                var now = Now();
                var nodes = await UpsertNodesAsync(connection, transaction, graph.Nodes, SeedWriter, now, progress, cancellationToken);
                var relationships = await UpsertRelationshipsAsync(connection, transaction, graph.Relationships, SeedWriter, now, progress, cancellationToken);
                var after = await ReadStatisticsAsync(connection, transaction, cancellationToken);
                return new LoadReport(nodes, relationships, after);
            },
            cancellationToken);
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
            bind: (parameters, n) =>
            {
                parameters["@id"].Value = n.Id;
                parameters["@label"].Value = n.Label;
                parameters["@name"].Value = n.Name;
                parameters["@props"].Value = SqliteRows.SerializeProperties(n.Properties);
                BindProvenance(parameters, n.Provenance);
            },
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
            bind: (parameters, r) =>
            {
                parameters["@src"].Value = r.FromId;
                parameters["@type"].Value = r.Type;
                parameters["@dst"].Value = r.ToId;
                parameters["@props"].Value = SqliteRows.SerializeProperties(r.Properties);
                BindProvenance(parameters, r.Provenance);
            },
            ["@src", "@type", "@dst", "@props"],
            writer,
            now,
            cancellationToken);

    private static void BindProvenance(SqliteParameterCollection parameters, Provenance provenance)
    {
        parameters["@basis"].Value = Provenance.ToCode(provenance.Basis);
        parameters["@source"].Value = SqliteRows.DbValue(provenance.DocumentId);
        parameters["@excerpt"].Value = SqliteRows.DbValue(provenance.Excerpt);
        parameters["@reason"].Value = SqliteRows.DbValue(provenance.Reason);
    }

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
        string insertSql,
        string updateSql,
        Action<SqliteParameterCollection, T> bind,
        string[] keyParameters,
        string writer,
        string now,
        CancellationToken cancellationToken)
    {
        await using var insert = Prepare(connection, transaction, insertSql, keyParameters, writer, now);
        await using var update = Prepare(connection, transaction, updateSql, keyParameters, writer, now);
        var counts = new SortedDictionary<string, (long Created, long Updated, long Unchanged)>(StringComparer.Ordinal);

        for (var i = 0; i < elements.Count; i++)
        {
            var element = elements[i];
            bind(insert.Parameters, element);
            bind(update.Parameters, element);
            var key = group(element);
            var c = counts.GetValueOrDefault(key);
            if (await insert.ExecuteNonQueryAsync(cancellationToken) == 1)
            {
                c.Created++;
            }
            else if (await update.ExecuteNonQueryAsync(cancellationToken) == 1)
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
        command.Prepare();
        return command;
    }
}
