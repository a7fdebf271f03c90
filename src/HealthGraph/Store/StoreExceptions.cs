namespace HealthGraph.Store;

/// <summary>
/// The contract's errors: what a store throws when it cannot do what was asked for a reason the caller should read in
/// words (an operator, a command's user), not as a stack trace. The store could not be reached
/// (<see cref="StoreUnavailableException"/>), its server refused the operation (Neo4j's errors), refused the operation as things stand
/// (<see cref="StoreRefusedException"/>), or a backup or restore was refused (<see cref="BackupRefusedException"/>). Nothing else a store throws is expected: anything else is a bug.
/// </summary>
public abstract class StoreException(string message, Exception? innerException = null) : Exception(message, innerException);

/// <summary>
/// The store refused the operation as things stand, and says what would let it go ahead: its schema is newer than this
/// release, another aggregates rebuild holds the rows, an index failed to build. Nothing of the operation was written.
/// </summary>
public sealed class StoreRefusedException(string message) : StoreException(message);

/// <summary>A backup or restore refused before the store was touched; the message names the file and the reason.</summary>
public sealed class BackupRefusedException(string message) : StoreException(message);

/// <summary>
/// The store cannot be reached or read right now: Neo4j refuses connections, times out, answers 502/503/504 or
/// "database unavailable" after the retries, or its circuit is open; the SQLite file cannot be opened or read, or
/// stays locked past the busy timeout. Nothing of the operation was written. The condition is expected to pass
/// without a restart: the next call tries again. Anything else a store throws is a bug or a refused change.
/// </summary>
/// <remarks>
/// <see cref="Exception.Message"/> says what failed, for the log (operators). API clients and the readiness probe
/// get fixed messages (GraphQL fields with the code <c>STORE_UNAVAILABLE</c>), never this one.
/// </remarks>
public sealed class StoreUnavailableException(string message, Exception? innerException = null) : StoreException(message, innerException);
