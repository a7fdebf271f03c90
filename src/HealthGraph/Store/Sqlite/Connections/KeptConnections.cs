using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;

namespace HealthGraph.Store.Sqlite.Connections;

/// <summary>
/// Connections to the store's file kept open between calls, each with the read statements it has prepared
/// (<see cref="StatementCache"/>). Microsoft.Data.Sqlite prepares a command's SQL again for every new command and
/// finalizes every statement when a connection goes back to its pool (dotnet/efcore#14044, open since 2018), which made
/// preparing the statement most of what a one-row lookup cost under load. At most <see cref="MaxIdle"/> stay open
/// between calls; more are opened when more calls run at once, and closed when they end. <see cref="Clear"/> closes the
/// idle ones and retires those in use, for when the store's file is replaced.
/// </summary>
internal sealed class KeptConnections(string connectionString) : IDisposable
{
    /// <summary>Idle connections kept open: enough for the calls a two-to-eight-core machine runs at once.</summary>
    public const int MaxIdle = 8;

    private static readonly ConditionalWeakTable<SqliteConnection, StatementCache> s_caches = new();

    private readonly ConcurrentStack<(SqliteConnection Connection, int Generation)> _idle = new();
    private int _generation;

    /// <summary>An open connection, to use alone until it is given back with <see cref="Return"/> (or disposed).</summary>
    public SqliteConnection Rent()
    {
        while (_idle.TryPop(out var idle))
        {
            if (idle.Generation == Volatile.Read(ref _generation))
            {
                return idle.Connection;
            }

            idle.Connection.Dispose();
        }

        var connection = new SqliteConnection(connectionString);
        try
        {
            connection.Open();
        }
        catch
        {
            connection.Dispose();
            throw;
        }

        s_caches.Add(connection, new StatementCache(Volatile.Read(ref _generation)));
        return connection;
    }

    /// <summary>
    /// Gives back a connection <see cref="Rent"/> lent, after a call that ended cleanly: kept when there is room, it is of
    /// the current file and no transaction is left open on it; closed otherwise.
    /// </summary>
    public void Return(SqliteConnection connection)
    {
        var generation = Volatile.Read(ref _generation);
        if (s_caches.TryGetValue(connection, out var cache) && cache.Generation == generation && _idle.Count < MaxIdle
            && connection.State == System.Data.ConnectionState.Open && SQLitePCL.raw.sqlite3_get_autocommit(connection.Handle) != 0)
        {
            _idle.Push((connection, generation));
            return;
        }

        connection.Dispose();
    }

    /// <summary>Closes the idle connections, and those in use as they come back: the file they have open is being replaced.</summary>
    public void Clear()
    {
        Interlocked.Increment(ref _generation);
        while (_idle.TryPop(out var idle))
        {
            idle.Connection.Dispose();
        }
    }

    /// <summary>How many connections are open and idle.</summary>
    public int IdleCount => _idle.Count;

    /// <summary>The statement cache of a connection this class opened, or null for any other connection.</summary>
    public static StatementCache? CacheOf(SqliteConnection connection) =>
        s_caches.TryGetValue(connection, out var cache) ? cache : null;

    public void Dispose() => Clear();
}

/// <summary>
/// The read statements one kept connection has prepared, by their SQL: a command is taken out while it runs (so a
/// statement run again inside its own reader gets a command of its own) and put back after. At most
/// <see cref="Capacity"/> are kept (SQLite's advice is to keep few statements prepared, as each holds memory of the
/// connection's); a new one takes the place of the one least recently run, so statements whose SQL is made per call
/// (lists with their own filters) pass through without pushing out the ones run all the time. Never used inside a
/// transaction: a command remembers the transaction it was made in.
/// </summary>
internal sealed class StatementCache(int generation)
{
    /// <summary>Prepared statements kept per connection.</summary>
    public const int Capacity = 64;

    private readonly Dictionary<string, LinkedListNode<SqliteCommand>> _commands = new(StringComparer.Ordinal);

    /// <summary>The kept commands, the most recently run first.</summary>
    private readonly LinkedList<SqliteCommand> _recent = new();

    /// <summary>The generation of <see cref="KeptConnections"/> whose file the connection has open.</summary>
    public int Generation { get; } = generation;

    /// <summary>How many statements are kept.</summary>
    public int Count => _commands.Count;

    /// <summary>Whether a command of <paramref name="sql"/> is kept (not taken out).</summary>
    public bool Holds(string sql) => _commands.ContainsKey(sql);

    /// <summary>The command of <paramref name="sql"/> on <paramref name="connection"/>, prepared before if it ran before, with no parameters.</summary>
    public SqliteCommand Take(SqliteConnection connection, string sql)
    {
        if (_commands.Remove(sql, out var kept))
        {
            _recent.Remove(kept);
            kept.Value.Parameters.Clear();
            return kept.Value;
        }

        var command = connection.CreateCommand();
        command.CommandText = sql;
        return command;
    }

    /// <summary>Puts back a command <see cref="Take"/> gave, its reader closed, as the most recently run.</summary>
    public void Return(SqliteCommand command)
    {
        if (_commands.ContainsKey(command.CommandText))
        {
            command.Dispose(); // a second command of the same SQL, made while the first was out
            return;
        }

        if (_commands.Count == Capacity && _recent.Last is { } oldest)
        {
            _recent.RemoveLast();
            _commands.Remove(oldest.Value.CommandText);
            oldest.Value.Dispose();
        }

        _commands[command.CommandText] = _recent.AddFirst(command);
    }
}
