using System.Globalization;
using System.Text.RegularExpressions;
using HealthGraph.Graph;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;

namespace HealthGraph.Store.Sqlite;

/// <summary>
/// The embedded store: the property graph in one SQLite file (WAL mode), schema created on first use and migrated by
/// version (<c>PRAGMA user_version</c>). Every question is one SQL round trip, except path finding (one per hop).
/// </summary>
public sealed partial class SqliteGraphStore(IOptions<SqliteStoreOptions> options, TimeProvider clock) : IGraphStore, IDisposable
{
    private readonly string _connectionString = new SqliteConnectionStringBuilder
    {
        DataSource = Path.GetFullPath(options.Value.Path),
        Mode = SqliteOpenMode.ReadWriteCreate,
        ForeignKeys = true,
        Pooling = true,
    }.ToString();

    private readonly SemaphoreSlim _initialization = new(1, 1);
    private volatile bool _initialized;

    /// <summary>The full path of the database file.</summary>
    public string DatabasePath { get; } = Path.GetFullPath(options.Value.Path);

    /// <summary>The schema version this release creates and understands.</summary>
    public static int SchemaVersion => SqlResources.Migrations[^1].Version;

    public async Task InitializeAsync(CancellationToken cancellationToken = default)
    {
        if (_initialized)
        {
            return;
        }

        await _initialization.WaitAsync(cancellationToken);
        try
        {
            if (_initialized)
            {
                return;
            }

            Directory.CreateDirectory(Path.GetDirectoryName(DatabasePath)!);
            await using var connection = new SqliteConnection(_connectionString);
            await connection.OpenAsync(cancellationToken);
            await ExecuteAsync(connection, "PRAGMA journal_mode = WAL;", cancellationToken);
            await MigrateAsync(connection, cancellationToken);
            _initialized = true;
        }
        finally
        {
            _initialization.Release();
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
            await ExecuteAsync(connection, string.Create(CultureInfo.InvariantCulture, $"PRAGMA user_version = {version};"), cancellationToken, transaction);
            await transaction.CommitAsync(cancellationToken);
        }
    }

    private async Task<SqliteConnection> OpenAsync(CancellationToken cancellationToken)
    {
        await InitializeAsync(cancellationToken);
        var connection = new SqliteConnection(_connectionString);
        await connection.OpenAsync(cancellationToken);
        return connection;
    }

    public async Task<GraphStatistics> GetStatisticsAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenAsync(cancellationToken);
        return await ReadStatisticsAsync(connection, null, cancellationToken);
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

        await using var connection = await OpenAsync(cancellationToken);
        return await QueryNodesAsync(
            connection,
            $"SELECT {SqliteRows.NodeColumns} FROM node WHERE id IN (SELECT value FROM json_each(@ids))",
            cancellationToken,
            ("@ids", SqliteRows.ToJsonArray(ids)));
    }

    public async Task<IReadOnlyList<GraphRelationship>> GetRelationshipsAsync(
        IReadOnlyCollection<string> nodeIds, string type, Direction direction, CancellationToken cancellationToken = default)
    {
        if (nodeIds.Count == 0)
        {
            return [];
        }

        var side = direction == Direction.Outgoing ? "src" : "dst";
        await using var connection = await OpenAsync(cancellationToken);
        return await QueryRelationshipsAsync(
            connection,
            $"{RelationshipSelect} WHERE type = @type AND {side} IN (SELECT value FROM json_each(@ids)) ORDER BY src, dst",
            cancellationToken,
            ("@type", type),
            ("@ids", SqliteRows.ToJsonArray(nodeIds)));
    }

    public async Task<DocumentFacts> GetDocumentFactsAsync(string documentId, CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenAsync(cancellationToken);
        var nodes = await QueryNodesAsync(
            connection,
            $"SELECT {SqliteRows.NodeColumns} FROM node WHERE source = @doc AND id <> @doc ORDER BY label, id",
            cancellationToken,
            ("@doc", documentId));
        var relationships = await QueryRelationshipsAsync(
            connection, $"{RelationshipSelect} WHERE source = @doc ORDER BY type, src, dst", cancellationToken, ("@doc", documentId));
        return new DocumentFacts(nodes, relationships);
    }

    public async Task<IReadOnlyList<SearchHit>> SearchAsync(SearchQuery query, CancellationToken cancellationToken = default)
    {
        var match = ToMatchExpression(query.Text);
        if (match is null || query.First <= 0)
        {
            return [];
        }

        await using var connection = await OpenAsync(cancellationToken);
        await using var command = Command(
            connection,
            SqlResources.Get("Sql/search.sql"),
            ("@match", match),
            ("@labels", query.Labels is { Count: > 0 } labels ? SqliteRows.ToJsonArray(labels) : null),
            ("@first", query.First));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var hits = new List<SearchHit>();
        while (await reader.ReadAsync(cancellationToken))
        {
            hits.Add(new SearchHit(SqliteRows.ReadNode(reader), reader.GetDouble(SqliteRows.NodeColumnCount), reader.GetString(SqliteRows.NodeColumnCount + 1)));
        }

        return hits;
    }

    /// <summary>
    /// Turns user text into an FTS5 query that cannot be anything but a list of words: each run of letters or
    /// digits becomes a quoted prefix term ("health"* "work"*), all of which must match. Operators, quotes and
    /// brackets in the text are separators, never syntax. Null when the text has no word in it.
    /// </summary>
    internal static string? ToMatchExpression(string text)
    {
        var words = Words().Matches(text).Select(m => m.Value).Take(16).ToList();
        return words.Count == 0 ? null : string.Join(' ', words.Select(w => $"\"{w}\"*"));
    }

    [GeneratedRegex(@"[\p{L}\p{N}]+")]
    private static partial Regex Words();

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

    public void Dispose() => _initialization.Dispose();

    private string Now() => SqliteRows.FormatTime(clock.GetUtcNow());
}
