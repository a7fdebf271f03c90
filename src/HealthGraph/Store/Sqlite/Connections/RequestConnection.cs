using Microsoft.Data.Sqlite;

namespace HealthGraph.Store.Sqlite.Connections;

/// <summary>
/// The connection the store calls of one API request share (see <see cref="SqliteGraphStore.BeginRequest"/>): opened by
/// the first call, lent to one call at a time, closed (given back to Microsoft.Data.Sqlite's pool) when the request
/// ends. A call that finds it lent out (fields resolving at once) or closed opens its own connection, as without a
/// request; a call that fails gives it up, so a request that met an outage opens a fresh connection for its next call.
/// </summary>
internal sealed class RequestConnection(string connectionString) : IDisposable
{
    private SqliteConnection? _idle;
    private int _opened;
    private int _closed;

    /// <summary>Whether the request has not ended.</summary>
    public bool IsOpen => Volatile.Read(ref _closed) == 0;

    /// <summary>The connection, to use alone until <see cref="Return"/> (or to dispose if the call failed); null when not to be had.</summary>
    public SqliteConnection? Take()
    {
        if (Volatile.Read(ref _closed) != 0)
        {
            return null;
        }

        if (Interlocked.Exchange(ref _idle, null) is { } idle)
        {
            return idle;
        }

        if (Interlocked.CompareExchange(ref _opened, 1, 0) != 0)
        {
            return null;
        }

        var connection = new SqliteConnection(connectionString);
        try
        {
            connection.Open();
            return connection;
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    /// <summary>Gives back a connection that <see cref="Take"/> lent and that answered, for the request's next call.</summary>
    public void Return(SqliteConnection connection)
    {
        Volatile.Write(ref _idle, connection);
        if (Volatile.Read(ref _closed) != 0)
        {
            Interlocked.Exchange(ref _idle, null)?.Dispose();
        }
    }

    /// <summary>Closes the request's connection, if it is not lent out; when it is, its borrower's return closes it.</summary>
    public void Dispose()
    {
        Volatile.Write(ref _closed, 1);
        Interlocked.Exchange(ref _idle, null)?.Dispose();
    }
}
