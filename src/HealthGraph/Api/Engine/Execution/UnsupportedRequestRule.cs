using GraphQL.Types;
using GraphQL.Validation;
using GraphQLParser.AST;
using HealthGraph.Api.Engine.Errors;

namespace HealthGraph.Api.Engine.Execution;

/// <summary>
/// Refuses, while the document is validated, what graphql-dotnet would accept and then fail to run with an exception
/// (answered INTERNAL_SERVER_ERROR and logged as a failure of the server): an operation type the schema has no root for
/// (this API has no subscriptions; the complexity analysis throws on one), and <c>__type(name:)</c> with an empty name
/// (graphql-dotnet's type lookup throws on it; any other unknown name is null). Both are the caller's mistakes, refused
/// like any invalid document, with their own code.
/// </summary>
public sealed class UnsupportedRequestRule : ValidationRuleBase
{
    public const string OperationNotSupported = "OPERATION_NOT_SUPPORTED";

    public override ValueTask<INodeVisitor?> GetPreNodeVisitorAsync(ValidationContext context)
    {
        var operation = context.Operation;
        if (context.Schema.RootType(operation.Operation) is null)
        {
            var answered = context.Schema.Mutation is null ? "queries" : "queries and mutations";
            context.ReportError(new RequestError(context, operation, OperationNotSupported,
                $"This API has no {operation.Operation.ToString().ToLowerInvariant()}s: it answers {answered}."));
        }

        return default;
    }

    /// <summary>After the arguments are parsed (variables included), which happens only for a document without errors.</summary>
    public override ValueTask<INodeVisitor?> GetPostNodeVisitorAsync(ValidationContext context)
    {
        foreach (var (field, arguments) in context.ArgumentValues ?? [])
        {
            if (field.Name.Value.Span.SequenceEqual("__type") && arguments.TryGetValue("name", out var name) && name.Value is "")
            {
                context.ReportError(new RequestError(context, field, ErrorCodes.InvalidInput,
                    "__type(name:) needs the name of a type; it was empty."));
            }
        }

        return default;
    }
}

public static class SchemaRoots
{
    /// <summary>The schema's root type for an operation type, or null when it has none.</summary>
    public static IObjectGraphType? RootType(this ISchema schema, OperationType operation) => operation switch
    {
        OperationType.Mutation => schema.Mutation,
        OperationType.Subscription => schema.Subscription,
        _ => schema.Query,
    };
}

/// <summary>A request this API cannot answer as asked, refused before anything runs: the code says why.</summary>
public sealed class RequestError : ValidationError
{
    public RequestError(ValidationContext context, ASTNode node, string code, string message)
        : base(context.Document.Source, null!, message, node) => Code = code;
}
