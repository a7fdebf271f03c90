using System.Globalization;
using HealthGraph.Graph;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;

namespace HealthGraph.Store.Sqlite;

/// <summary>
/// The embedded store: the property graph in one SQLite file (WAL mode), schema created on first use and migrated by
/// version (<c>PRAGMA user_version</c>). Every question is one SQL round trip, except path finding (one per hop).
/// </summary>
public sealed partial class SqliteGraphStore(IOptions<SqliteStoreOptions> options, TimeProvider clock) : IGraphStore, IAggregateStore, IDisposable
{
    private readonly string _connectionString = ConnectionString(options.Value);

    /// <summary>Writers of this process take turns here rather than polling for SQLite's write lock.</summary>
    private readonly SemaphoreSlim _writers = new(1, 1);

    private readonly StoreInitialization _initialization =
        new(cancellationToken => InitializeFileAsync(ConnectionString(options.Value), Path.GetFullPath(options.Value.Path), cancellationToken));

    /// <summary>The full path of the database file.</summary>
    public string DatabasePath { get; } = Path.GetFullPath(options.Value.Path);

    /// <summary>The schema version this release creates and understands.</summary>
    public static int SchemaVersion => SqlResources.Migrations[^1].Version;

    /// <summary>Creates the file if there is none, switches it to WAL and migrates its schema; done once it succeeds.</summary>
    public Task InitializeAsync(CancellationToken cancellationToken = default) => _initialization.EnsureAsync(cancellationToken);

    private static string ConnectionString(SqliteStoreOptions options) => new SqliteConnectionStringBuilder
    {
        DataSource = Path.GetFullPath(options.Path),
        Mode = SqliteOpenMode.ReadWriteCreate,
        ForeignKeys = true,
        Pooling = true,
        // How long a statement waits for another process's lock before SQLITE_BUSY (whole seconds).
        DefaultTimeout = (int)Math.Ceiling(options.BusyTimeout.TotalSeconds),
    }.ToString();

    private static async Task InitializeFileAsync(string connectionString, string databasePath, CancellationToken cancellationToken)
    {
        try
        {
            Directory.CreateDirectory(Path.GetDirectoryName(databasePath)!);

            // A connection of its own, not one from the pool: a pooled one may hold the schema as it was when it last ran
            // a statement, and SQLite checks that only when a statement reads or writes, not when it creates an object
            // (a migration's CREATE of something dropped meanwhile would fail as "already exists").
            await using var connection = new SqliteConnection(new SqliteConnectionStringBuilder(connectionString) { Pooling = false }.ToString());
            await connection.OpenAsync(cancellationToken);
            await ExecuteAsync(connection, "PRAGMA journal_mode = WAL;", cancellationToken);
            await MigrateAsync(connection, cancellationToken);
        }
        catch (SqliteException e) when (SqliteFailures.IsUnavailable(e))
        {
            throw SqliteFailures.Unavailable(e, databasePath);
        }
    }

    private static async Task MigrateAsync(SqliteConnection connection, CancellationToken cancellationToken)
    {
        var current = Convert.ToInt32(await ScalarAsync(connection, "PRAGMA user_version;", cancellationToken), CultureInfo.InvariantCulture);
        if (current > SchemaVersion)
        {
            throw new InvalidOperationException(
                $"The database schema is version {current}, newer than this release of HealthGraph understands ({SchemaVersion}). " +
                "Upgrade HealthGraph or point Sqlite:Path at another file.");
        }

        foreach (var (version, sql) in SqlResources.Migrations.Where(m => m.Version > current))
        {
            await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken);
            await ExecuteAsync(connection, sql, cancellationToken, transaction);
            if (version == AggregatesVersion)
            {
                await FillAgencyItemsAsync(connection, transaction, cancellationToken);
                await FillCoverageAsync(connection, transaction, cancellationToken);
                await FillAgencyShareAsync(connection, transaction, cancellationToken);
            }

            // A new schema_version, as SQLite documents for a definition changed in place (0007 widens a CHECK through
            // writable_schema): every connection, this one included, reads the schema again before its next statement.
            var schemaVersion = Convert.ToInt64(await ScalarAsync(connection, transaction, "PRAGMA schema_version;", cancellationToken), CultureInfo.InvariantCulture);
            await ExecuteAsync(
                connection, string.Create(CultureInfo.InvariantCulture, $"PRAGMA schema_version = {schemaVersion + 1}; PRAGMA user_version = {version};"), cancellationToken, transaction);
            await transaction.CommitAsync(cancellationToken);
        }
    }

    /// <summary>The request connection of the current async flow, if a request began one (<see cref="BeginRequest"/>).</summary>
    private readonly AsyncLocal<RequestConnection?> _request = new();

    /// <summary>
    /// Makes the store calls of the current async flow (one API request) share one connection until the returned
    /// scope is disposed, instead of taking one from the pool and giving it back for each call.
    /// </summary>
    public IDisposable BeginRequest()
    {
        var connection = new RequestConnection(_connectionString);
        _request.Value = connection;
        return connection;
    }

    /// <summary>Whether calls of the current async flow share a request's connection (a request began and has not ended).</summary>
    public bool InRequest => _request.Value is { IsOpen: true };

    /// <summary>
    /// Runs <paramref name="work"/> on an open connection (setting the store up first if it is not yet): the request's
    /// connection when there is one free, else one from the pool. A file that cannot be opened, read or locked in time
    /// makes it throw <see cref="StoreUnavailableException"/>.
    /// </summary>
    private async Task<T> UseAsync<T>(Func<SqliteConnection, Task<T>> work, CancellationToken cancellationToken)
    {
        await InitializeAsync(cancellationToken);
        try
        {
            var request = _request.Value;
            if (request?.Take() is { } held)
            {
                T result;
                try
                {
                    result = await WorkUntilCancelledAsync(held, work, cancellationToken);
                }
                catch
                {
                    await held.DisposeAsync();
                    throw;
                }

                request.Return(held);
                return result;
            }

            await using var connection = new SqliteConnection(_connectionString);
            await connection.OpenAsync(cancellationToken);
            return await WorkUntilCancelledAsync(connection, work, cancellationToken);
        }
        catch (SqliteException e) when (SqliteFailures.IsUnavailable(e))
        {
            throw SqliteFailures.Unavailable(e, DatabasePath);
        }
        catch (SqliteException e) when (SqliteFailures.IsInterrupted(e) && cancellationToken.IsCancellationRequested)
        {
            throw new OperationCanceledException("The store's work was interrupted: the request was cancelled.", e, cancellationToken);
        }
    }

    /// <summary>
    /// Runs the work with the connection interrupted (sqlite3_interrupt) the moment the token is cancelled: Microsoft.Data.Sqlite
    /// runs statements synchronously, so without it a long statement would run on after its request timed out.
    /// </summary>
    private static async Task<T> WorkUntilCancelledAsync<T>(SqliteConnection connection, Func<SqliteConnection, Task<T>> work, CancellationToken cancellationToken)
    {
        using var interrupt = cancellationToken.Register(static state => SQLitePCL.raw.sqlite3_interrupt(((SqliteConnection)state!).Handle), connection);
        return await work(connection);
    }

    /// <summary>
    /// Runs <paramref name="work"/> in one write transaction and commits it; a throw rolls it back. The transaction
    /// begins IMMEDIATE, holding SQLite's write lock from its first statement, so it is serializable and never fails
    /// half-way on a lock upgrade. Writers of this process take turns on a semaphore (first come, first served)
    /// instead of polling for the lock; another process's writer (the seed tool) is waited for up to
    /// <see cref="SqliteStoreOptions.BusyTimeout"/>, after which the store reports itself unavailable.
    /// </summary>
    private async Task<T> WriteAsync<T>(Func<SqliteConnection, SqliteTransaction, Task<T>> work, CancellationToken cancellationToken)
    {
        await _writers.WaitAsync(cancellationToken);
        try
        {
            return await UseAsync(
                async connection =>
                {
                    await using var transaction = connection.BeginTransaction(deferred: false);
                    var result = await work(connection, transaction);
                    await transaction.CommitAsync(cancellationToken);
                    return result;
                },
                cancellationToken);
        }
        finally
        {
            _writers.Release();
        }
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

    private static async Task<GraphStatistics> ReadStatisticsAsync(
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
                return await QueryNodesAsync(
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

    private static async Task<IReadOnlyList<T>> QueryAsync<T>(
        SqliteConnection connection,
        string sql,
        Func<SqliteDataReader, T> read,
        CancellationToken cancellationToken,
        params (string Name, object? Value)[] parameters)
    {
        await using var command = Command(connection, sql, parameters);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var rows = new List<T>();
        while (await reader.ReadAsync(cancellationToken))
        {
            rows.Add(read(reader));
        }

        return rows;
    }

    private static SqliteCommand Command(SqliteConnection connection, string sql, params (string Name, object? Value)[] parameters)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, SqliteRows.DbValue(value));
        }

        return command;
    }

    private static async Task ExecuteAsync(
        SqliteConnection connection, string sql, CancellationToken cancellationToken, SqliteTransaction? transaction = null)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static async Task<object?> ScalarAsync(
        SqliteConnection connection, string sql, CancellationToken cancellationToken, params (string Name, object? Value)[] parameters)
    {
        await using var command = Command(connection, sql, parameters);
        return await command.ExecuteScalarAsync(cancellationToken);
    }

    public void Dispose() => _writers.Dispose();

    private string Now() => SqliteRows.FormatTime(clock.GetUtcNow());
}
