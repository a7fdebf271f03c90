using Microsoft.Data.Sqlite;

namespace HealthGraph.Store.Sqlite.Connections;

/// <summary>
/// The connection the store calls of one API request share (see <see cref="SqliteGraphStore.BeginRequest"/>): opened by
/// the first call (one of the store's <see cref="KeptConnections"/>), lent to one call at a time, given back when the
/// request ends. A call that finds it lent out (fields resolving at once) or closed opens its own connection, as without a
/// request; a call that fails gives it up, so a request that met an outage opens a fresh connection for its next call.
/// </summary>
internal sealed class RequestConnection(KeptConnections connections) : IDisposable
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

        return connections.Rent();
    }

    /// <summary>Gives back a connection that <see cref="Take"/> lent and that answered, for the request's next call.</summary>
    public void Return(SqliteConnection connection)
    {
        Volatile.Write(ref _idle, connection);
        if (Volatile.Read(ref _closed) != 0)
        {
            ReturnToKept(Interlocked.Exchange(ref _idle, null));
        }
    }

    /// <summary>Gives the request's connection back, if it is not lent out; when it is, its borrower's return gives it back.</summary>
    public void Dispose()
    {
        Volatile.Write(ref _closed, 1);
        ReturnToKept(Interlocked.Exchange(ref _idle, null));
    }

    private void ReturnToKept(SqliteConnection? connection)
    {
        if (connection is not null)
        {
            connections.Return(connection);
        }
    }
}
