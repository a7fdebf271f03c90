using System.Diagnostics;
using System.Globalization;
using HealthGraph.Store.Sqlite.Connections;
using HealthGraph.Store.Sqlite.Schema;
using Microsoft.Data.Sqlite;
using static HealthGraph.Store.Sqlite.Connections.SqliteCommands;

namespace HealthGraph.Store.Sqlite.Backup;

/// <summary>A backup written: where, what it holds, how large, how long it took.</summary>
public sealed record BackupReport(string File, GraphStatistics Statistics, long Bytes, TimeSpan Elapsed);

/// <summary>A restore done: from where, what the store held before and holds now, and how long it took.</summary>
public sealed record RestoreReport(string File, int FileSchemaVersion, GraphStatistics Before, GraphStatistics After, long Bytes, TimeSpan Elapsed);

/// <summary>
/// Backup and restore of the embedded store's file with SQLite's online backup API, while the API may be serving:
/// <c>healthgraph backup</c> and <c>restore</c>.
/// </summary>
internal sealed class SqliteBackup(SqliteConnections connections)
{
    private string DatabasePath => connections.DatabasePath;

    private static ReadOnlySpan<byte> SqliteHeader => "SQLite format 3\0"u8;

    /// <summary>
    /// Writes a consistent copy of the store to <paramref name="file"/> with SQLite's online backup API, while readers
    /// and writers carry on (WAL mode: the copy is the last committed state when it started). The copy is one
    /// self-contained file (rollback journal, no -wal beside it), written beside the target and renamed into place, so
    /// an interrupted backup never leaves a half-written file under the target's name.
    /// </summary>
    public async Task<BackupReport> BackupAsync(string file, CancellationToken cancellationToken = default)
    {
        var stopwatch = Stopwatch.StartNew();
        var target = Path.GetFullPath(file);
        if (string.Equals(target, DatabasePath, StringComparison.Ordinal))
        {
            throw new BackupRefusedException($"Cannot back up {DatabasePath} onto itself: choose another file.");
        }

        if (!File.Exists(DatabasePath))
        {
            throw new BackupRefusedException($"There is no store at {DatabasePath} to back up.");
        }

        Directory.CreateDirectory(Path.GetDirectoryName(target)!);
        var partial = $"{target}.{Guid.NewGuid():N}.partial";
        try
        {
            var statistics = await connections.UseAsync(
                async source =>
                {
                    await using var copy = await SqliteConnections.OpenFileAsync(partial, SqliteOpenMode.ReadWriteCreate, cancellationToken);
                    source.BackupDatabase(copy);
                    await ExecuteAsync(copy, "PRAGMA journal_mode = DELETE;", cancellationToken);
                    return await SqliteGraphStore.ReadStatisticsAsync(copy, null, cancellationToken);
                },
                cancellationToken);

            File.Move(partial, target, overwrite: true);
            return new BackupReport(target, statistics, new FileInfo(target).Length, stopwatch.Elapsed);
        }
        finally
        {
            File.Delete(partial);
        }
    }

    /// <summary>
    /// Replaces the store's whole graph with the backup in <paramref name="file"/>. The backup is first copied to a
    /// staging file beside the store and checked there: a SQLite file, a HealthGraph schema no newer than this release,
    /// <c>PRAGMA integrity_check</c> and <c>foreign_key_check</c> clean; then migrated to the current schema. Only then is
    /// it copied into the store with the backup API, in one write transaction: readers see the old graph or the
    /// restored one, and a crash part-way leaves the old one. Anything refused throws <see cref="BackupRefusedException"/>
    /// before the store is opened.
    /// </summary>
    public async Task<RestoreReport> RestoreAsync(string file, CancellationToken cancellationToken = default)
    {
        var stopwatch = Stopwatch.StartNew();
        var source = Path.GetFullPath(file);
        CheckIsSqliteFile(source);
        if (string.Equals(source, DatabasePath, StringComparison.Ordinal))
        {
            throw new BackupRefusedException($"Cannot restore {source} onto itself: it is the store's own file.");
        }

        Directory.CreateDirectory(Path.GetDirectoryName(DatabasePath)!);
        var staging = $"{DatabasePath}.{Guid.NewGuid():N}.restoring";
        try
        {
            await using var staged = await StageAsync(source, staging, cancellationToken);
            var version = await CheckRestorableAsync(staged, source, cancellationToken);
            await ExecuteAsync(staged, "PRAGMA journal_mode = WAL;", cancellationToken);
            await SqliteSchema.MigrateAsync(staged, cancellationToken);
            var after = await SqliteGraphStore.ReadStatisticsAsync(staged, null, cancellationToken);
            await SqliteConnections.BumpGraphVersionAsync(staged, null, cancellationToken); // a restored graph is a new one

            await using var store = new SqliteConnection(connections.ConnectionString);
            await store.OpenAsync(cancellationToken);
            await ExecuteAsync(store, $"PRAGMA journal_mode = WAL; PRAGMA busy_timeout = {SqliteConnections.BusyTimeoutMs};", cancellationToken);
            var before = await ReadStatisticsIfAnyAsync(store, cancellationToken);
            staged.BackupDatabase(store);
            return new RestoreReport(source, version, before, after, new FileInfo(source).Length, stopwatch.Elapsed);
        }
        finally
        {
            foreach (var path in new[] { staging, staging + "-wal", staging + "-shm", staging + "-journal" })
            {
                File.Delete(path);
            }
        }
    }

    private static void CheckIsSqliteFile(string file)
    {
        if (!File.Exists(file))
        {
            throw new BackupRefusedException($"Cannot restore {file}: the file does not exist.");
        }

        Span<byte> header = stackalloc byte[SqliteHeader.Length];
        using (var stream = File.OpenRead(file))
        {
            if (stream.ReadAtLeast(header, header.Length, throwOnEndOfStream: false) < header.Length || !header.SequenceEqual(SqliteHeader))
            {
                throw new BackupRefusedException($"Cannot restore {file}: it is not a SQLite database (it does not start with the SQLite file header).");
            }
        }
    }

    /// <summary>Copies the backup to the staging file through SQLite (consistent even for a file in WAL mode), reading it read-only.</summary>
    private static async Task<SqliteConnection> StageAsync(string source, string staging, CancellationToken cancellationToken)
    {
        var staged = await SqliteConnections.OpenFileAsync(staging, SqliteOpenMode.ReadWriteCreate, cancellationToken);
        try
        {
            await using var backup = await SqliteConnections.OpenFileAsync(source, SqliteOpenMode.ReadOnly, cancellationToken);
            backup.BackupDatabase(staged);
            return staged;
        }
        catch (SqliteException e)
        {
            await staged.DisposeAsync();
            throw new BackupRefusedException($"Cannot restore {source}: SQLite cannot read it ({e.Message}).");
        }
        catch
        {
            await staged.DisposeAsync();
            throw;
        }
    }

    /// <summary>The checks a backup must pass before it may replace the store; returns its schema version.</summary>
    private static async Task<int> CheckRestorableAsync(SqliteConnection staged, string source, CancellationToken cancellationToken)
    {
        try
        {
            var version = Convert.ToInt32(await ScalarAsync(staged, "PRAGMA user_version;", cancellationToken), CultureInfo.InvariantCulture);
            var graphTables = await GraphTableCountAsync(staged, cancellationToken);
            if (version < 1 || graphTables != 2)
            {
                throw new BackupRefusedException(
                    $"Cannot restore {source}: it is not a HealthGraph database (schema version {version}, {(graphTables == 2 ? "with" : "without")} the node and edge tables).");
            }

            if (version > SqliteSchema.Version)
            {
                throw new BackupRefusedException(
                    $"Cannot restore {source}: its schema is version {version}, newer than this release of HealthGraph understands ({SqliteSchema.Version}). Upgrade HealthGraph first.");
            }

            var integrity = await QueryAsync(staged, "PRAGMA integrity_check(10);", r => r.GetString(0), cancellationToken);
            if (integrity is not ["ok"])
            {
                throw new BackupRefusedException($"Cannot restore {source}: it fails PRAGMA integrity_check: {string.Join("; ", integrity)}.");
            }

            var orphans = await QueryAsync(staged, "PRAGMA foreign_key_check;", r => $"{r.GetString(0)} row {r.GetValue(1)} refers to a missing {r.GetString(2)}", cancellationToken);
            if (orphans.Count > 0)
            {
                throw new BackupRefusedException($"Cannot restore {source}: it fails PRAGMA foreign_key_check: {string.Join("; ", orphans.Take(10))}.");
            }

            return version;
        }
        catch (SqliteException e)
        {
            throw new BackupRefusedException($"Cannot restore {source}: it is damaged ({e.Message}).");
        }
    }

    /// <summary>The store's statistics, or empty ones when the file has no graph yet (a restore into a new store).</summary>
    private static async Task<GraphStatistics> ReadStatisticsIfAnyAsync(SqliteConnection connection, CancellationToken cancellationToken)
    {
        return await GraphTableCountAsync(connection, cancellationToken) == 2
            ? await SqliteGraphStore.ReadStatisticsAsync(connection, null, cancellationToken)
            : new GraphStatistics(new Dictionary<string, long>(), new Dictionary<string, long>());
    }

    /// <summary>How many of the graph's two tables (node, edge) the file has.</summary>
    private static async Task<int> GraphTableCountAsync(SqliteConnection connection, CancellationToken cancellationToken) =>
        Convert.ToInt32(
            await ScalarAsync(connection, "SELECT COUNT(*) FROM sqlite_schema WHERE type = 'table' AND name IN ('node', 'edge');", cancellationToken),
            CultureInfo.InvariantCulture);
}
