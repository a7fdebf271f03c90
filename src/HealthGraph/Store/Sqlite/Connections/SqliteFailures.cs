using Microsoft.Data.Sqlite;

namespace HealthGraph.Store.Sqlite.Connections;

/// <summary>Which SQLite failures mean "the database file cannot be used right now", as opposed to a bug in a statement.</summary>
internal static class SqliteFailures
{
    // Primary result codes (https://sqlite.org/rescode.html); extended codes carry them in their low byte.
    private const int Perm = 3;
    private const int Busy = 5;
    private const int Locked = 6;
    private const int ReadOnly = 8;
    private const int IoErr = 10;
    private const int Corrupt = 11;
    private const int Full = 13;
    private const int CantOpen = 14;
    private const int NotADatabase = 26;
    private const int Interrupt = 9;

    /// <summary>A statement stopped by sqlite3_interrupt (its request was cancelled).</summary>
    public static bool IsInterrupted(SqliteException exception) => (exception.SqliteErrorCode & 0xFF) == Interrupt;

    /// <summary>
    /// The file cannot be opened, read or written (missing folder, a directory in its place, no permission, I/O error,
    /// disk full, not a database), or another process held its lock past the busy timeout. A syntax error, a
    /// constraint violation or a missing table is a bug and stays one.
    /// </summary>
    public static bool IsUnavailable(SqliteException exception) =>
        (exception.SqliteErrorCode & 0xFF) is Perm or Busy or Locked or ReadOnly or IoErr or Corrupt or Full or CantOpen or NotADatabase;

    public static StoreUnavailableException Unavailable(SqliteException exception, string databasePath) =>
        new($"The SQLite database {databasePath} cannot be used: {exception.Message}", exception);
}
