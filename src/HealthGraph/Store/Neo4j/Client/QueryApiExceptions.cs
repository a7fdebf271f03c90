using System.Net;

namespace HealthGraph.Store.Neo4j.Client;

/// <summary>Base of every failure the Neo4j client reports, so a caller can catch them in one place.</summary>
public abstract class Neo4jException(string message, Exception? innerException = null) : StoreException(message, innerException)
{
    /// <summary>Whether the official drivers would retry this failure.</summary>
    public abstract bool IsTransient { get; }
}

/// <summary>
/// The server answered with <c>errors[]</c> (whatever the HTTP status: 202, 200, 4xx or 5xx). <see cref="Code"/> is
/// Neo4j's status code, e.g. <c>Neo.ClientError.Statement.SyntaxError</c>; callers should branch on it, not on the message.
/// </summary>
public sealed class Neo4jQueryException(string code, string serverMessage, HttpStatusCode statusCode)
    : Neo4jException($"Neo4j failed the request: {code}: {serverMessage}")
{
    public string Code { get; } = code;

    public string ServerMessage { get; } = serverMessage;

    public HttpStatusCode StatusCode { get; } = statusCode;

    /// <inheritdoc />
    public override bool IsTransient => IsTransientCode(Code);

    /// <summary>
    /// Whether the server stopped the transaction at its timeout (<c>db.transaction.timeout</c>, or the client's):
    /// Neo.ClientError.Transaction.TransactionTimedOut and …TransactionTimedOutClientConfiguration. Never transient: an
    /// ordinary write that timed out may never fit.
    /// </summary>
    public bool IsTransactionTimeout => Code.StartsWith("Neo.ClientError.Transaction.TransactionTimedOut", StringComparison.Ordinal);

    /// <summary>
    /// The drivers' rule (neo4j-python-driver <c>exceptions.py</c>): every TransientError except Terminated and
    /// LockClientStopped, which are really client errors (re-classified in 5.0), plus NotALeader.
    /// </summary>
    public static bool IsTransientCode(string code) =>
        code switch
        {
            "Neo.TransientError.Transaction.Terminated" or "Neo.TransientError.Transaction.LockClientStopped" => false,
            "Neo.ClientError.Cluster.NotALeader" => true,
            _ => code.StartsWith("Neo.TransientError.", StringComparison.Ordinal),
        };
}

/// <summary>
/// 401 or 403: the credentials are missing, wrong or lack a privilege. Never retried: it needs a configuration fix.
/// </summary>
public sealed class Neo4jAuthenticationException(HttpStatusCode statusCode, string? code, string? serverMessage)
    : Neo4jException(
        $"Neo4j refused the credentials ({(int)statusCode} {code ?? statusCode.ToString()}: {serverMessage ?? "no details"}). "
        + "Check Neo4j:User and Neo4j:Password, or Neo4j:Token.")
{
    public HttpStatusCode StatusCode { get; } = statusCode;

    public string? Code { get; } = code;

    /// <inheritdoc />
    public override bool IsTransient => false;
}

/// <summary>
/// A non-success HTTP status without a Neo4j error body, e.g. a proxy's 502. 502, 503 and 504 mean the server
/// (or the way to it) is unavailable right now, so they are transient; anything else is not.
/// </summary>
public sealed class Neo4jHttpException(HttpStatusCode statusCode, string body)
    : Neo4jException($"Neo4j answered HTTP {(int)statusCode} {statusCode} without an error body: {body}")
{
    public HttpStatusCode StatusCode { get; } = statusCode;

    /// <inheritdoc />
    public override bool IsTransient =>
        StatusCode is HttpStatusCode.BadGateway or HttpStatusCode.ServiceUnavailable or HttpStatusCode.GatewayTimeout;
}
