using GraphQL.Validation;
using GraphQLParser.AST;
using Microsoft.Extensions.Options;

namespace HealthGraph.Api.Execution;

/// <summary>
/// Refuses documents that ask for too many aliases or fields, counted as written (a fragment once, however often it
/// is spread): a cheap guard against alias floods that complexity weighting alone prices too late.
/// </summary>
public sealed class DocumentSizeRule(IOptions<GraphQLLimits> limits) : ValidationRuleBase
{
    public override ValueTask<INodeVisitor?> GetPreNodeVisitorAsync(ValidationContext context)
    {
        int aliases = 0, fields = 0;
        foreach (var definition in context.Document.Definitions)
        {
            Count(definition, ref aliases, ref fields);
        }

        var limit = limits.Value;
        if (aliases > limit.MaxAliases)
        {
            context.ReportError(new LimitError(context, "TOO_MANY_ALIASES", $"The document has {aliases} aliased fields; at most {limit.MaxAliases} are allowed."));
        }

        if (fields > limit.MaxFields)
        {
            context.ReportError(new LimitError(context, "TOO_MANY_FIELDS", $"The document selects {fields} fields; at most {limit.MaxFields} are allowed."));
        }

        return default;
    }

    private static void Count(ASTNode node, ref int aliases, ref int fields)
    {
        var selections = node switch
        {
            GraphQLField field => Counted(field, ref aliases, ref fields),
            GraphQLOperationDefinition operation => operation.SelectionSet,
            GraphQLFragmentDefinition fragment => fragment.SelectionSet,
            GraphQLInlineFragment inline => inline.SelectionSet,
            _ => null,
        };
        foreach (var selection in selections?.Selections ?? [])
        {
            Count(selection, ref aliases, ref fields);
        }
    }

    private static GraphQLSelectionSet? Counted(GraphQLField field, ref int aliases, ref int fields)
    {
        fields++;
        if (field.Alias is not null)
        {
            aliases++;
        }

        return field.SelectionSet;
    }
}

/// <summary>A request over one of the configured limits: the code names the limit, the message gives both figures.</summary>
public sealed class LimitError : ValidationError
{
    public LimitError(ValidationContext context, string code, string message)
        : base(context.Document.Source, null!, message, context.Operation) => Code = code;
}
