using Microsoft.Data.Sqlite;
using static HealthGraph.Store.Sqlite.Connections.SqliteCommands;

namespace HealthGraph.Store.Sqlite.Connections;

/// <summary>
/// The embedded store's connections to its file: one of the kept connections per call (<see cref="KeptConnections"/>,
/// open with their prepared statements), or the request's own (<see cref="BeginRequest"/>, docs/adr/0008), and one
/// writer at a time. A file that cannot be opened, read or locked
/// in time makes a call throw <see cref="StoreUnavailableException"/>; a cancelled call interrupts its statement.
/// </summary>
internal sealed class SqliteConnections(SqliteStoreOptions options) : IDisposable
{
    private readonly SemaphoreSlim _writers = new(1, 1);

    /// <summary>The request connection of the current async flow, if a request began one (<see cref="BeginRequest"/>).</summary>
    private readonly AsyncLocal<RequestConnection?> _request = new();

    private readonly KeptConnections _kept = new(ConnectionStringOf(options));

    /// <summary>The database file, as a full path.</summary>
    public string DatabasePath { get; } = Path.GetFullPath(options.Path);

    public string ConnectionString { get; } = ConnectionStringOf(options);

    /// <summary>The connection string of the store's file: pooled, foreign keys on, waiting up to the busy timeout for another process's lock.</summary>
    public static string ConnectionStringOf(SqliteStoreOptions options) => new SqliteConnectionStringBuilder
    {
        DataSource = Path.GetFullPath(options.Path),
        Mode = SqliteOpenMode.ReadWriteCreate,
        ForeignKeys = true,
        Pooling = true,
        // How long a statement waits for another process's lock before SQLITE_BUSY (whole seconds).
        DefaultTimeout = (int)Math.Ceiling(options.BusyTimeout.TotalSeconds),
    }.ToString();

    /// <summary>
    /// Makes the calls of the current async flow (one API request) share one connection until the returned scope is
    /// disposed, instead of taking one from the pool and giving it back for each call.
    /// </summary>
    public IDisposable BeginRequest()
    {
        var connection = new RequestConnection(_kept);
        _request.Value = connection;
        return connection;
    }

    /// <summary>Whether calls of the current async flow share a request's connection (a request began and has not ended).</summary>
    public bool InRequest => _request.Value is { IsOpen: true };

    /// <summary>Runs <paramref name="work"/> on an open connection: the request's connection when there is one free, else a kept one.</summary>
    public async Task<T> UseAsync<T>(Func<SqliteConnection, Task<T>> work, CancellationToken cancellationToken)
    {
        try
        {
            var request = _request.Value;
            return request?.Take() is { } held
                ? await WorkThenGiveBackAsync(held, request.Return, work, cancellationToken)
                : await WorkThenGiveBackAsync(_kept.Rent(), _kept.Return, work, cancellationToken);
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
    /// Runs <paramref name="work"/> in one write transaction and commits it; a throw rolls it back. The transaction
    /// begins IMMEDIATE, holding SQLite's write lock from its first statement, so it is serializable and never fails
    /// half-way on a lock upgrade. Writers of this process take turns on a semaphore (first come, first served)
    /// instead of polling for the lock; another process's writer (the seed tool) is waited for up to
    /// <see cref="SqliteStoreOptions.BusyTimeout"/>, after which the store reports itself unavailable.
    /// </summary>
    public async Task<T> WriteAsync<T>(Func<SqliteConnection, SqliteTransaction, Task<T>> work, CancellationToken cancellationToken)
    {
        await _writers.WaitAsync(cancellationToken);
        try
        {
            return await UseAsync(
                async connection =>
                {
                    await using var transaction = connection.BeginTransaction(deferred: false);
                    var result = await work(connection, transaction);
                    await BumpGraphVersionAsync(connection, transaction, cancellationToken);
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

    /// <summary>
    /// Gives the graph a new version (IGraphVersion, 0013_graph_version.sql) in the transaction of a write, before it
    /// commits: every write of the store's file comes through <see cref="WriteAsync{T}"/>, and a restore bumps its copy.
    /// </summary>
    public static async Task BumpGraphVersionAsync(SqliteConnection connection, SqliteTransaction? transaction, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "UPDATE graph_version SET version = random() WHERE id = 1";
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>
    /// Waits for the writer's turn, for work that is not one transaction on the store's file (a staged load builds another
    /// file and swaps it in); <see cref="EndWriterTurn"/> gives it back.
    /// </summary>
    public Task WaitForWriterTurnAsync(CancellationToken cancellationToken) => _writers.WaitAsync(cancellationToken);

    public void EndWriterTurn() => _writers.Release();

    /// <summary>How long a connection to another file (a backup, a staging file) waits for its lock, in milliseconds.</summary>
    public const int BusyTimeoutMs = 10_000;

    public static async Task<SqliteConnection> OpenFileAsync(string path, SqliteOpenMode mode, CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(FileConnectionString(path, mode));
        await connection.OpenAsync(cancellationToken);
        await ExecuteAsync(connection, $"PRAGMA busy_timeout = {BusyTimeoutMs};", cancellationToken);
        return connection;
    }

    /// <summary>Unpooled, so the file is closed (and may be renamed or deleted) as soon as the connection is.</summary>
    private static string FileConnectionString(string path, SqliteOpenMode mode) =>
        new SqliteConnectionStringBuilder { DataSource = path, Mode = mode, Pooling = false }.ToString();

    /// <summary>
    /// Closes this process's idle connections to the store's file (the kept ones and Microsoft.Data.Sqlite's pool), and
    /// those in use as they come back: before the file is replaced, so that none stays open on the old one.
    /// </summary>
    public void CloseIdleConnections()
    {
        _kept.Clear();
        SqliteConnection.ClearPool(new SqliteConnection(ConnectionString));
    }

    public void Dispose()
    {
        _kept.Dispose();
        _writers.Dispose();
    }

    /// <summary>
    /// Runs the work on a lent connection and gives it back with <paramref name="giveBack"/> after it answered; after a
    /// failure the connection is closed instead, so the next call opens a fresh one.
    /// </summary>
    private static async Task<T> WorkThenGiveBackAsync<T>(
        SqliteConnection connection, Action<SqliteConnection> giveBack, Func<SqliteConnection, Task<T>> work, CancellationToken cancellationToken)
    {
        T result;
        try
        {
            result = await WorkUntilCancelledAsync(connection, work, cancellationToken);
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }

        giveBack(connection);
        return result;
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
}
