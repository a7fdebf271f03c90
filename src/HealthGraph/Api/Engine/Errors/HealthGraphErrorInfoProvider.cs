using GraphQL;
using GraphQL.Execution;
using GraphQL.Validation;
using GraphQLParser.AST;
using GraphQLParser.Exceptions;
using HealthGraph.Api.Engine.Execution;
using HealthGraph.Store;
using Microsoft.Extensions.Options;

namespace HealthGraph.Api.Engine.Errors;

/// <summary>
/// The one place errors are shaped: graphql-dotnet's codes for request errors, HealthGraph's for its own, plus
/// <c>extensions.field</c> and <c>extensions.reason</c> for input errors. Exception details only in Development.
/// With introspection off the schema is private, and a document's validation errors must not give it away.
/// </summary>
public sealed class HealthGraphErrorInfoProvider(IHostEnvironment environment, IOptions<GraphQLEndpointOptions> endpoint) : ErrorInfoProvider(new ErrorInfoProviderOptions
{
    ExposeExceptionDetails = environment.IsDevelopment(),
    ExposeCodes = false,
    ExposeData = false,
})
{
    public override ErrorInfo GetInfo(ExecutionError executionError)
    {
        var info = base.GetInfo(executionError);
        if (!endpoint.Value.Introspection && executionError is ValidationError { Number: not null } invalid)
        {
            info.Message = WithoutTheSchema(invalid);
        }

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
    /// The message of an error of graphql-dotnet's validation rules (those with a section number of the specification)
    /// when the schema is private. Theirs name what the schema holds (<c>Did you mean 'agency'?</c>, the required
    /// fields and arguments a document left out, the type expected), so it says only which rule failed (the code) and
    /// the name the caller wrote where it failed; the error keeps its code and locations.
    /// </summary>
    private static string WithoutTheSchema(ValidationError error)
    {
        var written = error.Nodes?.Select(WrittenName).FirstOrDefault(name => name is not null);
        var where = written is null ? "The document" : $"'{written}'";
        return $"{where} is not valid here ({error.Code}); the schema is private, so no more is said.";
    }

    /// <summary>The name the caller wrote at a node of the document, if it has one.</summary>
    private static string? WrittenName(ASTNode node) => node switch
    {
        GraphQLVariable variable => $"${variable.Name.StringValue}",
        GraphQLVariableDefinition definition => $"${definition.Variable.Name.StringValue}",
        INamedNode { Name: { } name } => name.StringValue, // a field, argument, type, directive, operation...
        GraphQLFragmentSpread spread => spread.FragmentName.Name.StringValue,
        GraphQLFragmentDefinition fragment => fragment.FragmentName.Name.StringValue,
        _ => null,
    };

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
