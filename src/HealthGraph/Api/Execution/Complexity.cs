using GraphQL.Types;
using GraphQL.Validation.Complexity;
using HealthGraph.Api.Relay;

namespace HealthGraph.Api.Execution;

/// <summary>
/// graphql-dotnet's complexity analyzer, set up for Relay connections: a list field is weighted by the page size it
/// asks for (first/last, on itself or on its connection), and a connection's edges without either by the default
/// page size, not the analyzer's generic 5. Depth and complexity over the limits get their own codes.
/// </summary>
public static class Complexity
{
    public static ComplexityOptions Options(GraphQLLimits limits)
    {
        var complexity = new ComplexityOptions();
        var builtIn = complexity.DefaultComplexityImpactDelegate;
        complexity.DefaultComplexityImpactDelegate = context =>
        {
            var impact = builtIn(context);
            return IsList(context.FieldDefinition) && !HasPageSize(context) && context.Parent is { FieldDefinition: { } parentField } parent
                && !HasPageSize(parent) && IsConnection(parentField)
                ? new FieldComplexityResult(impact.FieldImpact, NodeConnections.DefaultPageSize)
                : impact;
        };
        complexity.ValidateComplexityDelegate = context =>
        {
            if (context.MaxDepth > limits.MaxDepth)
            {
                context.Error = new LimitError(context.ValidationContext, Errors.ErrorCodes.QueryTooDeep,
                    $"The query nests {context.MaxDepth} levels deep; at most {limits.MaxDepth} are allowed.");
            }
            else if (context.TotalImpact > limits.MaxComplexity)
            {
                context.Error = new LimitError(context.ValidationContext, "QUERY_TOO_COMPLEX",
                    $"The query's complexity is {context.TotalImpact:0} (each field, times the page sizes of the lists above it); at most {limits.MaxComplexity} is allowed. Ask for smaller pages or fewer nested lists.");
            }

            return Task.CompletedTask;
        };
        return complexity;
    }

    private static bool HasPageSize(FieldImpactContext context) =>
        context.Arguments is { } arguments && (arguments.ContainsKey("first") || arguments.ContainsKey("last"));

    private static bool IsList(FieldType? field) => Unwrap(field?.ResolvedType) is ListGraphType;

    private static bool IsConnection(FieldType field) =>
        Unwrap(field.ResolvedType)?.Name?.EndsWith("Connection", StringComparison.Ordinal) == true; // a list has no name

    private static IGraphType? Unwrap(IGraphType? type) => type is NonNullGraphType nonNull ? nonNull.ResolvedType : type;
}
