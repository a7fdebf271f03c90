using System.Globalization;
using HealthGraph.Store.Sqlite.Aggregates;
using HealthGraph.Store.Sqlite.Connections;
using Microsoft.Data.Sqlite;
using static HealthGraph.Store.Sqlite.Connections.SqliteCommands;

namespace HealthGraph.Store.Sqlite.Schema;

/// <summary>
/// The embedded store's schema: created on first use and migrated by version (<c>PRAGMA user_version</c>), one
/// transaction per migration (Migrations/NNNN_*.sql), the aggregates filled after the migration that defines them.
/// </summary>
internal static class SqliteSchema
{
    /// <summary>The schema version this release creates and understands.</summary>
    public static int Version => SqlResources.Migrations[^1].Version;

    /// <summary>Creates the file if there is none, switches it to WAL and migrates its schema.</summary>
    public static async Task InitializeFileAsync(string connectionString, string databasePath, CancellationToken cancellationToken)
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

    /// <summary>Brings the schema of <paramref name="connection"/>'s file to <see cref="Version"/>; refuses a newer one.</summary>
    public static async Task MigrateAsync(SqliteConnection connection, CancellationToken cancellationToken)
    {
        var current = Convert.ToInt32(await ScalarAsync(connection, "PRAGMA user_version;", cancellationToken), CultureInfo.InvariantCulture);
        if (current > Version)
        {
            throw new StoreRefusedException(
                $"The database schema is version {current}, newer than this release of HealthGraph understands ({Version}). " +
                "Upgrade HealthGraph or point Sqlite:Path at another file.");
        }

        foreach (var (version, sql) in SqlResources.Migrations.Where(m => m.Version > current))
        {
            await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken);
            await ExecuteAsync(connection, sql, cancellationToken, transaction);
            if (version == WorkPeriods.Version)
            {
                await WorkPeriods.RestampAsync(connection, transaction, cancellationToken);
            }

            if (version == AggregateFills.Version)
            {
                await AggregateFills.FillAllAsync(connection, transaction, cancellationToken);
            }

            // A new schema_version, as SQLite documents for a definition changed in place (0007 widens a CHECK through
            // writable_schema): every connection, this one included, reads the schema again before its next statement.
            var schemaVersion = Convert.ToInt64(await ScalarAsync(connection, transaction, "PRAGMA schema_version;", cancellationToken), CultureInfo.InvariantCulture);
            await ExecuteAsync(
                connection, string.Create(CultureInfo.InvariantCulture, $"PRAGMA schema_version = {schemaVersion + 1}; PRAGMA user_version = {version};"), cancellationToken, transaction);
            await transaction.CommitAsync(cancellationToken);
        }
    }
}
