namespace HealthGraph.Store;

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
public sealed class StoreUnavailableException(string message, Exception? innerException = null) : Exception(message, innerException);
