using GraphQL.Validation;
using GraphQLParser.AST;

namespace HealthGraph.Web.Transport;

/// <summary>
/// Refuses a mutation (or subscription) sent with GET: GET must be safe, so only queries run over it. The transport
/// answers such a request with 405 and <c>Allow: POST</c>.
/// </summary>
public sealed class GetRequestsOnlyQueryRule : ValidationRuleBase
{
    public static GetRequestsOnlyQueryRule Instance { get; } = new();

    public override ValueTask<INodeVisitor?> GetPreNodeVisitorAsync(ValidationContext context)
    {
        if (context.Operation.Operation != OperationType.Query)
        {
            context.ReportError(new OperationNotAllowedOverGetError(context.Operation));
        }

        return default;
    }
}

/// <summary>The error for a mutation sent with GET.</summary>
public sealed class OperationNotAllowedOverGetError : ValidationError
{
    public const string ErrorCode = "OPERATION_NOT_ALLOWED_OVER_GET";

    public OperationNotAllowedOverGetError(GraphQLOperationDefinition operation)
        : base($"Only queries can be sent with GET; send this {operation.Operation.ToString().ToLowerInvariant()} with POST.") =>
        Code = ErrorCode;
}
