using Microsoft.Data.Sqlite;

namespace HealthGraph.Store.Sqlite.Connections;

/// <summary>Running a statement on an open connection: what every part of the embedded store does the same way.</summary>
internal static class SqliteCommands
{
    /// <summary>A command of <paramref name="sql"/> with named parameters (values as <see cref="SqliteRows.DbValue"/> stores them).</summary>
    public static SqliteCommand Command(SqliteConnection connection, string sql, params (string Name, object? Value)[] parameters)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        return WithParameters(command, parameters);
    }

    /// <summary>Adds named parameters to a command, their values as <see cref="SqliteRows.DbValue"/> stores them.</summary>
    private static SqliteCommand WithParameters(SqliteCommand command, (string Name, object? Value)[] parameters)
    {
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, SqliteRows.DbValue(value));
        }

        return command;
    }

    public static async Task ExecuteAsync(
        SqliteConnection connection, string sql, CancellationToken cancellationToken, SqliteTransaction? transaction = null)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public static async Task<object?> ScalarAsync(
        SqliteConnection connection, string sql, CancellationToken cancellationToken, params (string Name, object? Value)[] parameters)
    {
        var (command, cache) = Prepared(connection, sql, parameters);
        try
        {
            return await command.ExecuteScalarAsync(cancellationToken);
        }
        finally
        {
            Done(command, cache);
        }
    }

    public static async Task<object?> ScalarAsync(
        SqliteConnection connection, SqliteTransaction transaction, string sql, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        return await command.ExecuteScalarAsync(cancellationToken);
    }

    public static async Task<IReadOnlyList<T>> QueryAsync<T>(
        SqliteConnection connection,
        string sql,
        Func<SqliteDataReader, T> read,
        CancellationToken cancellationToken,
        params (string Name, object? Value)[] parameters)
    {
        var (command, cache) = Prepared(connection, sql, parameters);
        try
        {
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            var rows = new List<T>();
            while (await reader.ReadAsync(cancellationToken))
            {
                rows.Add(read(reader));
            }

            return rows;
        }
        finally
        {
            Done(command, cache);
        }
    }

    /// <summary>
    /// A command of <paramref name="sql"/> with its parameters: from the connection's <see cref="StatementCache"/> (prepared
    /// when it ran before) when it is a kept connection outside a transaction, else a new one.
    /// </summary>
    private static (SqliteCommand Command, StatementCache? Cache) Prepared(SqliteConnection connection, string sql, (string Name, object? Value)[] parameters)
    {
        if (KeptConnections.CacheOf(connection) is not { } cache || SQLitePCL.raw.sqlite3_get_autocommit(connection.Handle) == 0)
        {
            return (Command(connection, sql, parameters), null);
        }

        return (WithParameters(cache.Take(connection, sql), parameters), cache);
    }

    /// <summary>A command of <see cref="Prepared"/> after it ran: back to its cache, or disposed.</summary>
    private static void Done(SqliteCommand command, StatementCache? cache)
    {
        if (cache is null)
        {
            command.Dispose();
        }
        else
        {
            cache.Return(command);
        }
    }
}
