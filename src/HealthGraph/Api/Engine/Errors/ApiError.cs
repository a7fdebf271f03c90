using GraphQL;

namespace HealthGraph.Api.Engine.Errors;

/// <summary>The stable codes HealthGraph puts in <c>errors[].extensions.code</c>, besides graphql-dotnet's own.</summary>
public static class ErrorCodes
{
    /// <summary>An argument or input field has a value the API cannot accept; <c>extensions.field</c> names it.</summary>
    public const string InvalidInput = "INVALID_INPUT";

    /// <summary>A pagination cursor that this API did not give out for this ordering.</summary>
    public const string InvalidCursor = "INVALID_CURSOR";

    /// <summary>An argument that names something (an agency, goal, document) that does not exist.</summary>
    public const string NotFound = "NOT_FOUND";

    /// <summary>A change that conflicts with the graph as it is now (for example, a node removed meanwhile).</summary>
    public const string Conflict = "CONFLICT";

    /// <summary>The caller may not change this entity: it is another organisation's work (the access rule's refusals share the code).</summary>
    public const string Forbidden = Web.Security.AccessDeniedError.ForbiddenCode;

    /// <summary>A query nested deeper than the depth limit (GraphQL:Limits:MaxDepth) or than the parser allows.</summary>
    public const string QueryTooDeep = "QUERY_TOO_DEEP";

    /// <summary>
    /// The store cannot be reached right now (Neo4j down, the database file unreadable); nothing was written. Retry
    /// later: service resumes by itself when the store is back.
    /// </summary>
    public const string StoreUnavailable = "STORE_UNAVAILABLE";

    /// <summary>An unexpected failure; details only in Development.</summary>
    public const string InternalError = "INTERNAL_SERVER_ERROR";
}

/// <summary>
/// A GraphQL error with a stable code and, where an input caused it, the path of the offending argument or input
/// field (<c>extensions.field</c>, e.g. <c>input.title</c>) and a finer reason (<c>extensions.reason</c>).
/// </summary>
public sealed class ApiError : ExecutionError
{
    public ApiError(string code, string message, string? field = null, string? reason = null, Exception? innerException = null)
        : base(message, innerException)
    {
        Code = code;
        if (field is not null)
        {
            Field = field;
        }

        if (reason is not null)
        {
            Reason = reason;
        }
    }

    /// <summary>The argument or input field the error is about.</summary>
    public string? Field { get; }

    /// <summary>A finer, stable reason within the code (for input errors, the rule that failed).</summary>
    public string? Reason { get; }
}
