using HealthGraph.Graph;
using HealthGraph.Store.Sqlite.Backup;
using HealthGraph.Store.Sqlite.Connections;
using HealthGraph.Store.Sqlite.Schema;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;
using static HealthGraph.Store.Sqlite.Connections.SqliteCommands;

namespace HealthGraph.Store.Sqlite;

/// <summary>
/// The embedded store: the property graph in one SQLite file (WAL mode). This class answers the contract's questions
/// (every question one SQL round trip, except path finding: one per hop) and holds the three load paths (upsert, bulk
/// load, staged file swap); its rooms hold the rest: Connections/ (the per-request connection, the writer's turn),
/// Schema/ (migrations), Aggregates/ (the fills and the in-memory rows of a load), Backup/, Loading/ (load phases).
/// </summary>
public sealed partial class SqliteGraphStore(IOptions<SqliteStoreOptions> options, TimeProvider clock) : IGraphStore, IAggregateStore, IDisposable
{
    private readonly SqliteConnections _connections = new(options.Value);

    private readonly StoreInitialization _initialization =
        new(cancellationToken => SqliteSchema.InitializeFileAsync(SqliteConnections.ConnectionStringOf(options.Value), Path.GetFullPath(options.Value.Path), cancellationToken));

    /// <summary>The full path of the database file.</summary>
    public string DatabasePath => _connections.DatabasePath;

    /// <inheritdoc />
    public string Description => $"SQLite {DatabasePath}";

    /// <summary>The schema version this release creates and understands.</summary>
    public static int SchemaVersion => SqliteSchema.Version;

    /// <summary>Creates the file if there is none, switches it to WAL and migrates its schema; done once it succeeds.</summary>
    public Task InitializeAsync(CancellationToken cancellationToken = default) => _initialization.EnsureAsync(cancellationToken);

    /// <inheritdoc />
    public IDisposable BeginRequest() => _connections.BeginRequest();

    /// <summary>Closes this process's idle connections to the file (<see cref="SqliteConnections.CloseIdleConnections"/>).</summary>
    internal void CloseIdleConnections() => _connections.CloseIdleConnections();

    /// <summary>Whether calls of the current async flow share a request's connection (a request began and has not ended).</summary>
    public bool InRequest => _connections.InRequest;

    /// <summary>
    /// A consistent copy of the store written to <paramref name="file"/> while readers and writers carry on
    /// (<see cref="SqliteBackup.BackupAsync"/>).
    /// </summary>
    public async Task<BackupReport> BackupAsync(string file, CancellationToken cancellationToken = default)
    {
        await InitializeAsync(cancellationToken);
        return await new SqliteBackup(_connections).BackupAsync(file, cancellationToken);
    }

    /// <summary>The store's whole graph replaced by a checked backup, all or nothing (<see cref="SqliteBackup.RestoreAsync"/>).</summary>
    public Task<RestoreReport> RestoreAsync(string file, CancellationToken cancellationToken = default) =>
        new SqliteBackup(_connections).RestoreAsync(file, cancellationToken);

    /// <summary>Runs <paramref name="work"/> on an open connection (<see cref="SqliteConnections.UseAsync"/>), setting the store up first if it is not yet.</summary>
    private async Task<T> UseAsync<T>(Func<SqliteConnection, Task<T>> work, CancellationToken cancellationToken)
    {
        await InitializeAsync(cancellationToken);
        return await _connections.UseAsync(work, cancellationToken);
    }

    /// <summary>Runs <paramref name="work"/> in one write transaction (<see cref="SqliteConnections.WriteAsync"/>), setting the store up first if it is not yet.</summary>
    private async Task<T> WriteAsync<T>(Func<SqliteConnection, SqliteTransaction, Task<T>> work, CancellationToken cancellationToken)
    {
        await InitializeAsync(cancellationToken);
        return await _connections.WriteAsync(work, cancellationToken);
    }

    public async Task<GraphStatistics> GetStatisticsAsync(CancellationToken cancellationToken = default)
    {
        return await UseAsync(
            async connection =>
            {
                return await ReadStatisticsAsync(connection, null, cancellationToken);
            },
            cancellationToken);
    }

    internal static async Task<GraphStatistics> ReadStatisticsAsync(
        SqliteConnection connection, SqliteTransaction? transaction, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = """
            SELECT label, COUNT(*) FROM node GROUP BY label ORDER BY label;
            SELECT type, COUNT(*) FROM edge GROUP BY type ORDER BY type;
            """;
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var labels = new SortedDictionary<string, long>(StringComparer.Ordinal);
        while (await reader.ReadAsync(cancellationToken))
        {
            labels[reader.GetString(0)] = reader.GetInt64(1);
        }

        await reader.NextResultAsync(cancellationToken);
        var types = new SortedDictionary<string, long>(StringComparer.Ordinal);
        while (await reader.ReadAsync(cancellationToken))
        {
            types[reader.GetString(0)] = reader.GetInt64(1);
        }

        return new GraphStatistics(labels, types);
    }

    public async Task<IReadOnlyList<GraphNode>> GetNodesAsync(IReadOnlyCollection<string> ids, CancellationToken cancellationToken = default)
    {
        if (ids.Count == 0)
        {
            return [];
        }

        return await UseAsync(
            async connection =>
            {
                // One id, the most common call (a lookup by id or code), by the key alone: no JSON made and read for it.
                return ids.Count == 1
                    ? await QueryNodesAsync(connection, $"SELECT {SqliteRows.NodeColumns} FROM node WHERE id = @id", cancellationToken, ("@id", ids.First()))
                    : await QueryNodesAsync(
                        connection,
                        $"SELECT {SqliteRows.NodeColumns} FROM node WHERE id IN (SELECT value FROM json_each(@ids))",
                        cancellationToken,
                        ("@ids", SqliteRows.ToJsonArray(ids)));
            },
            cancellationToken);
    }

    public async Task<IReadOnlyList<GraphRelationship>> GetRelationshipsAsync(
        IReadOnlyCollection<string> nodeIds, string type, Direction direction, CancellationToken cancellationToken = default)
    {
        if (nodeIds.Count == 0)
        {
            return [];
        }

        // By the index that starts with the given ends: outgoing, the primary key (src, type, dst); incoming, edge_by_dst.
        // Without the hint SQLite took edge_by_type for incoming lookups, to save sorting by src, and so read every
        // relationship of the type: 139 ms instead of 1 ms for an agency's deliverables at 100,000 deliverables.
        var (side, index) = direction == Direction.Outgoing ? ("src", "") : ("dst", " INDEXED BY edge_by_dst");
        return await UseAsync(
            async connection =>
            {
                return await QueryRelationshipsAsync(
                    connection,
                    $"{RelationshipSelect}{index} WHERE type = @type AND {side} IN (SELECT value FROM json_each(@ids)) ORDER BY src, dst",
                    cancellationToken,
                    ("@type", type),
                    ("@ids", SqliteRows.ToJsonArray(nodeIds)));
            },
            cancellationToken);
    }

    public async Task<IReadOnlyDictionary<string, ItemsPage<GraphRelationship>>> GetRelatedPagesAsync(
        IReadOnlyCollection<string> nodeIds,
        string type,
        Direction direction,
        string? otherLabel,
        int first,
        string? afterId,
        CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(first);
        if (nodeIds.Count == 0)
        {
            return new Dictionary<string, ItemsPage<GraphRelationship>>(StringComparer.Ordinal);
        }

        // Each node's relationships of the type along the index that starts with that node (outgoing: the primary key
        // (src, type, dst); incoming: edge_by_dst), in the other end's order, stopping after the page; the count reads
        // the same index entries. The other end's label, when asked for, by its primary key.
        var (here, there, index) = direction == Direction.Outgoing ? ("src", "dst", "") : ("dst", "src", " INDEXED BY edge_by_dst");
        var labelled = $"(@label IS NULL OR EXISTS (SELECT 1 FROM node m WHERE m.id = x.{there} AND m.label = @label))";
        var sql = $"""
            SELECT e.src, e.type, e.dst, e.props, e.basis, e.source, e.excerpt, e.reason
              FROM json_each(@ids) w
              JOIN edge e{index} ON e.{here} = w.value AND e.type = @type
               AND e.{there} IN (SELECT x.{there} FROM edge x{index}
                                  WHERE x.{here} = w.value AND x.type = @type AND (@after IS NULL OR x.{there} > @after) AND {labelled}
                                  ORDER BY x.{there} LIMIT @take)
             ORDER BY e.{here}, e.{there};
            SELECT w.value, (SELECT count(*) FROM edge x{index} WHERE x.{here} = w.value AND x.type = @type AND {labelled})
              FROM json_each(@ids) w;
            """;
        return await UseAsync(
            async connection =>
            {
                await using var command = Command(
                    connection,
                    sql,
                    ("@ids", SqliteRows.ToJsonArray(nodeIds)),
                    ("@type", type),
                    ("@label", otherLabel),
                    ("@after", afterId),
                    ("@take", first + 1L));
                await using var reader = await command.ExecuteReaderAsync(cancellationToken);
                var rows = new Dictionary<string, List<GraphRelationship>>(StringComparer.Ordinal);
                while (await reader.ReadAsync(cancellationToken))
                {
                    var relationship = SqliteRows.ReadRelationship(reader);
                    var node = direction == Direction.Outgoing ? relationship.FromId : relationship.ToId;
                    (rows.TryGetValue(node, out var list) ? list : rows[node] = []).Add(relationship);
                }

                await reader.NextResultAsync(cancellationToken);
                var pages = new Dictionary<string, ItemsPage<GraphRelationship>>(StringComparer.Ordinal);
                while (await reader.ReadAsync(cancellationToken))
                {
                    var node = reader.GetString(0);
                    pages[node] = ItemsPage.FromRows(rows.GetValueOrDefault(node) ?? [], first, reader.GetInt64(1));
                }

                return (IReadOnlyDictionary<string, ItemsPage<GraphRelationship>>)pages;
            },
            cancellationToken);
    }

    public async Task<ItemsPage<GraphNode>> GetDocumentNodesAsync(string documentId, int first, string? afterId, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(first);
        return await UseAsync(
            async connection =>
            {
                var nodes = await QueryNodesAsync(
                    connection,
                    $"SELECT {SqliteRows.NodeColumns} FROM node WHERE source = @doc AND id <> @doc AND (@after IS NULL OR id > @after) ORDER BY id LIMIT @take",
                    cancellationToken,
                    ("@doc", documentId),
                    ("@after", afterId),
                    ("@take", first + 1L));
                var total = (long)(await ScalarAsync(connection, "SELECT count(*) FROM node WHERE source = @doc AND id <> @doc", cancellationToken, ("@doc", documentId)))!;
                return ItemsPage.FromRows([.. nodes], first, total);
            },
            cancellationToken);
    }

    public async Task<ItemsPage<GraphRelationship>> GetDocumentRelationshipsAsync(
        string documentId, int first, RelationshipKey? after, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(first);
        return await UseAsync(
            async connection =>
            {
                var relationships = await QueryRelationshipsAsync(
                    connection,
                    $"""
                    {RelationshipSelect} WHERE source = @doc
                      AND (@type IS NULL OR type > @type OR (type = @type AND (src > @from OR (src = @from AND dst > @to))))
                    ORDER BY type, src, dst LIMIT @take
                    """,
                    cancellationToken,
                    ("@doc", documentId),
                    ("@type", after?.Type),
                    ("@from", after?.FromId),
                    ("@to", after?.ToId),
                    ("@take", first + 1L));
                var total = (long)(await ScalarAsync(connection, "SELECT count(*) FROM edge WHERE source = @doc", cancellationToken, ("@doc", documentId)))!;
                return ItemsPage.FromRows([.. relationships], first, total);
            },
            cancellationToken);
    }

    public async Task<IReadOnlyList<SearchHit>> SearchAsync(SearchQuery query, CancellationToken cancellationToken = default)
    {
        var words = SearchText.Words(query.Text);
        if (words.Count == 0 || query.First <= 0)
        {
            return [];
        }

        return await UseAsync(
            async connection =>
            {
                await using var command = Command(
                    connection,
                    SqlResources.Get("Sql/search.sql"),
                    ("@match", ToMatchExpression(words)),
                    ("@labels", query.Labels is { Count: > 0 } labels ? SqliteRows.ToJsonArray(labels) : null),
                    ("@first", query.First));
                await using var reader = await command.ExecuteReaderAsync(cancellationToken);
                var hits = new List<SearchHit>();
                while (await reader.ReadAsync(cancellationToken))
                {
                    var node = SqliteRows.ReadNode(reader);
                    hits.Add(new SearchHit(node, reader.GetDouble(SqliteRows.NodeColumnCount), SearchText.Snippet(node, words)));
                }

                return hits;
            },
            cancellationToken);
    }

    /// <summary>
    /// The user's words (<see cref="SearchText.Words"/>) as an FTS5 query that cannot be anything but a list of words:
    /// each a quoted term, all of which must match, and the last a prefix term, as it may still be being typed
    /// ("health" "work"*). Operators, quotes and brackets in the text are separators, never syntax.
    /// </summary>
    /// <remarks>
    /// Only the last word is a prefix because FTS5 merges the lists of every word a prefix expands to for every
    /// match it ranks: at 100,000 deliverables, ranking "health"* "workforce"* took 15 ms of CPU, "health" "workforce"*
    /// 9 ms (Elasticsearch's match_bool_prefix makes the same choice).
    /// </remarks>
    internal static string ToMatchExpression(IReadOnlyList<string> words) =>
        string.Join(' ', words.Select((w, i) => i == words.Count - 1 ? $"\"{w}\"*" : $"\"{w}\""));

    private const string RelationshipSelect = "SELECT src, type, dst, props, basis, source, excerpt, reason FROM edge";

    private static Task<IReadOnlyList<GraphNode>> QueryNodesAsync(
        SqliteConnection connection, string sql, CancellationToken cancellationToken, params (string Name, object? Value)[] parameters) =>
        QueryAsync(connection, sql, r => SqliteRows.ReadNode(r), cancellationToken, parameters);

    private static Task<IReadOnlyList<GraphRelationship>> QueryRelationshipsAsync(
        SqliteConnection connection, string sql, CancellationToken cancellationToken, params (string Name, object? Value)[] parameters) =>
        QueryAsync(connection, sql, SqliteRows.ReadRelationship, cancellationToken, parameters);

    public void Dispose() => _connections.Dispose();

    private string Now() => SqliteRows.FormatTime(clock.GetUtcNow());
}
