using HealthGraph.Graph;
using HealthGraph.Store.Sqlite.Connections;
using HealthGraph.Store.Sqlite.Schema;
using Microsoft.Data.Sqlite;
using static HealthGraph.Store.Sqlite.Connections.SqliteCommands;

namespace HealthGraph.Store.Sqlite;

public sealed partial class SqliteGraphStore
{
    /// <summary>
    /// Loads of at least this many nodes and relationships into an empty store are built in a staging file. Smaller
    /// ones (the shipped seed, the API's first-run seed) gain nothing from it and go through the store's WAL as before.
    /// </summary>
    internal const int StagedLoadMinimumRows = 10_000;

    /// <summary>The staging file's name is the store's, a random part, then this.</summary>
    internal const string StagingSuffix = ".seeding";

    /// <summary>
    /// Page cache of the staging connection (KiB, as PRAGMA cache_size takes it when negative): 64 MiB. The inserts append
    /// to a few B-tree pages at a time; an index build's sorter holds up to this much per thread (PRAGMA threads), so a
    /// larger cache costs the load's peak memory several times over.
    /// </summary>
    private const int StagingCacheKib = 64 * 1024;

    private const int SqliteBusy = 5;
    private const int SqliteLocked = 6;

    /// <summary>
    /// Loads <paramref name="graph"/> into a staging file beside the store and renames it over the store, when the store
    /// is empty (no node, no change-log entry) and no other connection, of this process or another, has it open;
    /// otherwise returns null and leaves everything to the ordinary transactional load.
    /// <para>
    /// The staging file has no journal and no fsync while it is written (nothing of value is in it until it is
    /// finished), so the data is written once instead of twice (WAL, then checkpoint). It is fsynced, then renamed over
    /// the store under an exclusive lock taken after the store was switched out of WAL mode, which succeeds only when
    /// no other connection has it open and which removes its -wal and -shm files. A load that fails or is killed
    /// before the rename leaves the store exactly as it was; its staging file is deleted on failure, and by the next
    /// staged load after a kill. A connection another process opens in the moment of the rename would keep reading the
    /// replaced empty file until it is closed (and could not write to it: SQLite refuses writes to a moved file).
    /// </para>
    /// </summary>
    private async Task<LoadReport?> TryStagedLoadAsync(SeedGraph graph, IProgress<LoadProgress>? progress, CancellationToken cancellationToken)
    {
        await _connections.WaitForWriterTurnAsync(cancellationToken);
        var staging = $"{DatabasePath}.{Guid.NewGuid():N}{StagingSuffix}";
        try
        {
            await InitializeAsync(cancellationToken);
            if (!await ReplaceableAsync(replaceWith: null, cancellationToken))
            {
                return null;
            }

            await DeleteAbandonedStagingFilesAsync(cancellationToken);
            if (!CanCreate(staging))
            {
                return null; // a folder this process may not write in: the store itself may still be writable
            }

            // The staging file starts empty, so a relationship's ends exist exactly when they are nodes of the graph: the
            // load checks that in memory (PreparedAsync), and SQLite need not look both up for each of millions of relationships.
            LoadReport report;
            await using (var connection = await SqliteConnections.OpenFileAsync(staging, SqliteOpenMode.ReadWriteCreate, cancellationToken))
            {
                await ExecuteAsync(
                    connection,
                    $"PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF; PRAGMA locking_mode = EXCLUSIVE; PRAGMA foreign_keys = OFF; PRAGMA cache_size = -{StagingCacheKib}; PRAGMA threads = {Environment.ProcessorCount};",
                    cancellationToken);
                await SqliteSchema.MigrateAsync(connection, cancellationToken);
                await using (var transaction = connection.BeginTransaction())
                {
                    report = await LoadGraphAsync(connection, transaction, graph, progress, cancellationToken);
                    await transaction.CommitAsync(cancellationToken);
                }

                // Recorded in the file's header, so every connection to the store opens it in WAL mode, as before.
                await ExecuteAsync(connection, "PRAGMA journal_mode = WAL;", cancellationToken);
            }

            using (var file = new FileStream(staging, FileMode.Open, FileAccess.ReadWrite, FileShare.ReadWrite))
            {
                file.Flush(flushToDisk: true);
            }

            return await ReplaceableAsync(replaceWith: staging, cancellationToken) ? report : null;
        }
        catch (SqliteException e) when (SqliteFailures.IsUnavailable(e))
        {
            throw SqliteFailures.Unavailable(e, DatabasePath);
        }
        finally
        {
            DeleteStagingFile(staging);
            _connections.EndWriterTurn();
        }
    }

    /// <summary>
    /// Whether the store is empty and no other connection has it open; with <paramref name="replaceWith"/>, also renames
    /// that file over the store while holding the store's exclusive lock. The store is left in WAL mode unless replaced.
    /// </summary>
    private async Task<bool> ReplaceableAsync(string? replaceWith, CancellationToken cancellationToken)
    {
        // This process's idle connections would count as users of the store; those in use still do.
        _connections.CloseIdleConnections();
        await using var connection = new SqliteConnection(
            new SqliteConnectionStringBuilder { DataSource = DatabasePath, Mode = SqliteOpenMode.ReadWrite, Pooling = false, DefaultTimeout = 1 }.ToString());
        await connection.OpenAsync(cancellationToken);
        try
        {
            // Leaving WAL mode needs every other connection closed, and it removes the -wal and -shm files.
            if (await ScalarAsync(connection, "PRAGMA journal_mode = DELETE;", cancellationToken) is not "delete")
            {
                return false;
            }
        }
        catch (SqliteException e) when ((e.SqliteErrorCode & 0xFF) is SqliteBusy or SqliteLocked)
        {
            return false;
        }

        var replaced = false;
        try
        {
            // Readers wait from here on, so nobody sees the store between the check and the rename.
            await ExecuteAsync(connection, "BEGIN EXCLUSIVE;", cancellationToken);
            var empty = await ScalarAsync(
                connection, "SELECT NOT EXISTS (SELECT 1 FROM node) AND NOT EXISTS (SELECT 1 FROM change_log);", cancellationToken) is 1L;
            if (empty && replaceWith is not null && !File.Exists(DatabasePath + "-journal") && !File.Exists(DatabasePath + "-wal"))
            {
                if (!OperatingSystem.IsWindows())
                {
                    File.SetUnixFileMode(replaceWith, File.GetUnixFileMode(DatabasePath));
                }

                try
                {
                    File.Move(replaceWith, DatabasePath, overwrite: true);
                    replaced = true;
                }
                catch (IOException)
                {
                    // A file system that will not replace an open file (Windows): load in place instead.
                }
            }

            await ExecuteAsync(connection, "ROLLBACK;", cancellationToken);
            return replaceWith is null ? empty : replaced;
        }
        finally
        {
            if (!replaced)
            {
                await ExecuteAsync(connection, "PRAGMA journal_mode = WAL;", cancellationToken);
            }
        }
    }

    private static bool CanCreate(string staging)
    {
        try
        {
            using (File.Create(staging))
            {
            }

            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    /// <summary>Deletes staging files that killed loads left beside the store (one still being written is locked, and kept).</summary>
    private async Task DeleteAbandonedStagingFilesAsync(CancellationToken cancellationToken)
    {
        var pattern = $"{Path.GetFileName(DatabasePath)}.*{StagingSuffix}";
        foreach (var file in Directory.EnumerateFiles(Path.GetDirectoryName(DatabasePath)!, pattern))
        {
            try
            {
                await using var connection = new SqliteConnection(
                    new SqliteConnectionStringBuilder { DataSource = file, Mode = SqliteOpenMode.ReadWrite, Pooling = false, DefaultTimeout = 1 }.ToString());
                await connection.OpenAsync(cancellationToken);
                await ExecuteAsync(connection, "BEGIN EXCLUSIVE; ROLLBACK;", cancellationToken);
            }
            catch (SqliteException e) when ((e.SqliteErrorCode & 0xFF) is SqliteBusy or SqliteLocked)
            {
                continue; // another load's
            }
            catch (SqliteException)
            {
                // Not a database any more (cut off mid-write): abandoned all the same.
            }

            DeleteStagingFile(file);
        }
    }

    private static void DeleteStagingFile(string staging)
    {
        foreach (var path in new[] { staging, staging + "-journal", staging + "-wal", staging + "-shm" })
        {
            File.Delete(path);
        }
    }
}
