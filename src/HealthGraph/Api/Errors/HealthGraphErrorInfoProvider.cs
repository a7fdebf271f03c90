using GraphQL;
using GraphQL.Execution;
using GraphQLParser.Exceptions;
using HealthGraph.Store;

namespace HealthGraph.Api.Errors;

/// <summary>
/// The one place errors are shaped: graphql-dotnet's codes for request errors, HealthGraph's for its own, plus
/// <c>extensions.field</c> and <c>extensions.reason</c> for input errors. Exception details only in Development.
/// </summary>
public sealed class HealthGraphErrorInfoProvider(IHostEnvironment environment) : ErrorInfoProvider(new ErrorInfoProviderOptions
{
    ExposeExceptionDetails = environment.IsDevelopment(),
    ExposeCodes = false,
    ExposeData = false,
})
{
    public override ErrorInfo GetInfo(ExecutionError executionError)
    {
        var info = base.GetInfo(executionError);
        if (executionError is ApiError { Field: not null } or ApiError { Reason: not null })
        {
            var error = (ApiError)executionError;
            var extensions = info.Extensions ?? new Dictionary<string, object?>();
            if (error.Field is not null)
            {
                extensions["field"] = error.Field;
            }

            if (error.Reason is not null)
            {
                extensions["reason"] = error.Reason;
            }

            info.Extensions = extensions;
        }

        return info;
    }

    /// <summary>
    /// Turns an exception a resolver did not expect into an error: a change the graph refused becomes CONFLICT with
    /// its message; an unreachable store becomes STORE_UNAVAILABLE with a fixed message (what failed is for the log,
    /// not for clients, even in Development); anything else becomes INTERNAL_SERVER_ERROR with a generic message
    /// (the log has the details).
    /// </summary>
    public static Task HandleUnhandledExceptionAsync(UnhandledExceptionContext context)
    {
        context.Exception = context.OriginalException switch
        {
            GraphChangeRejectedException rejected => new ApiError(ErrorCodes.Conflict, rejected.Message),
            // The parser's own guard (before the depth limit can count): a document nested past 128 syntax levels.
            GraphQLMaxDepthExceededException => new ApiError(ErrorCodes.QueryTooDeep,
                "The query nests too deeply to parse; keep selections within the depth limit (GraphQL:Limits:MaxDepth)."),
            StoreUnavailableException => new ApiError(
                ErrorCodes.StoreUnavailable, "The graph store is unavailable right now, so this field has no answer and nothing was changed. Try again shortly."),
            // The original travels as the inner exception: shown in Development only (ExposeExceptionDetails).
            var original => new ApiError(ErrorCodes.InternalError, "The server failed to answer this field; the failure is logged.", innerException: original),
        };
        return Task.CompletedTask;
    }
}
