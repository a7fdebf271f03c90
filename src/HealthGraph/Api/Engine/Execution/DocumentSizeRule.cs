using GraphQL.Validation;
using GraphQLParser.AST;
using Microsoft.Extensions.Options;

namespace HealthGraph.Api.Engine.Execution;

/// <summary>
/// Refuses documents that ask for too many aliases or fields, counted as the operations expand: a fragment counts at
/// every spread, recursively (a fragment of 40 aliased fields spread ten times is 400), since that is what executes.
/// Every operation of the document counts, as the document cache keeps a validated document for any of them. A cheap
/// guard against alias floods that complexity weighting alone prices too late: it runs before the complexity analysis,
/// which then does not run at all, so a document that multiplies fragments never reaches it.
/// </summary>
public sealed class DocumentSizeRule(IOptions<GraphQLLimits> limits) : ValidationRuleBase
{
    public override ValueTask<INodeVisitor?> GetPreNodeVisitorAsync(ValidationContext context)
    {
        var limit = limits.Value;
        var size = new ExpandedSize(context.Document, new Size(limit.MaxAliases + 1, limit.MaxFields + 1)).OfOperations();
        if (size.Aliases > limit.MaxAliases)
        {
            context.ReportError(new LimitError(context, "TOO_MANY_ALIASES",
                $"The document asks for more than the {limit.MaxAliases} aliased fields allowed (a fragment's fields count at every spread)."));
        }

        if (size.Fields > limit.MaxFields)
        {
            context.ReportError(new LimitError(context, "TOO_MANY_FIELDS",
                $"The document selects more than the {limit.MaxFields} fields allowed (a fragment's fields count at every spread)."));
        }

        return default;
    }

    /// <summary>Aliased fields and fields.</summary>
    private readonly record struct Size(int Aliases, int Fields)
    {
        public static readonly Size None = new(0, 0);

        /// <summary>The sum, but no count above the cap's.</summary>
        public Size Plus(Size other, Size cap) =>
            new(Math.Min(cap.Aliases, Aliases + other.Aliases), Math.Min(cap.Fields, Fields + other.Fields));

        public bool Reaches(Size cap) => Aliases >= cap.Aliases && Fields >= cap.Fields;
    }

    /// <summary>
    /// Counts what a document's operations expand to, each count stopping at its cap (one over its limit), so a huge
    /// expansion costs no more than the document's length: each fragment is counted once and its total added at every
    /// spread. A fragment spread within itself, or one that does not exist, adds nothing (validation refuses both).
    /// </summary>
    private sealed class ExpandedSize
    {
        private readonly Size _cap;
        private readonly Dictionary<string, GraphQLFragmentDefinition> _definitions = new(StringComparer.Ordinal);
        private readonly Dictionary<string, Size> _fragments = new(StringComparer.Ordinal);
        private readonly HashSet<string> _counting = new(StringComparer.Ordinal);
        private readonly GraphQLDocument _document;

        public ExpandedSize(GraphQLDocument document, Size cap)
        {
            (_document, _cap) = (document, cap);
            foreach (var fragment in document.Definitions.OfType<GraphQLFragmentDefinition>())
            {
                _definitions.TryAdd(fragment.FragmentName.Name.StringValue, fragment); // a duplicate name is refused by validation
            }
        }

        public Size OfOperations() =>
            _document.Definitions.OfType<GraphQLOperationDefinition>().Aggregate(Size.None, (size, operation) => size.Plus(Of(operation.SelectionSet), _cap));

        private Size Of(GraphQLSelectionSet? selections)
        {
            var size = Size.None;
            foreach (var selection in selections?.Selections ?? [])
            {
                if (size.Reaches(_cap))
                {
                    break;
                }

                size = size.Plus(selection switch
                {
                    GraphQLField field => new Size(field.Alias is null ? 0 : 1, 1).Plus(Of(field.SelectionSet), _cap),
                    GraphQLInlineFragment inline => Of(inline.SelectionSet),
                    GraphQLFragmentSpread spread => OfFragment(spread.FragmentName.Name.StringValue),
                    _ => Size.None,
                }, _cap);
            }

            return size;
        }

        private Size OfFragment(string name)
        {
            if (_fragments.TryGetValue(name, out var counted))
            {
                return counted;
            }

            if (!_definitions.TryGetValue(name, out var fragment) || !_counting.Add(name))
            {
                return Size.None;
            }

            var size = Of(fragment.SelectionSet);
            _counting.Remove(name);
            _fragments[name] = size;
            return size;
        }
    }
}

/// <summary>A request over one of the configured limits: the code names the limit, the message gives both figures.</summary>
public sealed class LimitError : ValidationError
{
    public LimitError(ValidationContext context, string code, string message)
        : base(context.Document.Source, null!, message, context.Operation) => Code = code;
}
