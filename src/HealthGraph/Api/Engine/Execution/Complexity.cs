using GraphQL.Types;
using GraphQL.Validation.Complexity;
using GraphQLParser.AST;
using HealthGraph.Api.Engine.Filtering;
using HealthGraph.Api.Engine.Relay;
using HealthGraph.Graph;
using HealthGraph.Store;

namespace HealthGraph.Api.Engine.Execution;

/// <summary>
/// The price of a request, known before it runs (graphql-dotnet's complexity analyzer): every field costs 1, times the
/// sizes of the lists above it, and a field that makes the store read more than its answer adds what it reads. A list
/// is priced by the page it asks for (<c>first</c>/<c>last</c>, or its default); a list of ids by its length; a filter
/// by the rows its conditions scan; a matrix by its cells; a whole-graph question by the graph's size
/// (<see cref="GraphSizes"/>); introspection by the schema it reads. Every entity an answer holds costs at least 1, so
/// the price also caps how many entities a query may return.
/// </summary>
public static class Complexity
{
    /// <summary>Rows the store reads for one point: a condition that scans 20,000 deliverables costs 200.</summary>
    public const int RowsPerPoint = 100;

    /// <summary>
    /// A filter condition tests every row of the list, at about 1 µs a row, where a point is about 10 µs of work (the
    /// alignment matrix of 100 agencies by target: about 187,000 points in 1.8 s): so a condition costs ten scans.
    /// Measured on SQLite over 20,000 deliverables (the or of 99 conditions): year equals 1.9 s, title contains 1.9 s.
    /// </summary>
    public const int ConditionWeight = 10;

    /// <summary>A text search (contains) may test every value of a list: items contains, as above, 4.7 s.</summary>
    public const int TextSearchWeight = 25;

    /// <summary>The code of a request refused because the client is over its limits (HTTP 429).</summary>
    public const string RateLimitedCode = "RATE_LIMITED";

    /// <summary>The size assumed for a list with no page size of its own (what graphql-dotnet assumes).</summary>
    public const int DefaultListSize = 5;

    public static ComplexityOptions Options(GraphQLLimits limits)
    {
        var complexity = new ComplexityOptions { DefaultListImpactMultiplier = DefaultListSize };
        complexity.DefaultComplexityImpactDelegate = Price;
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
                    $"The query's complexity is {context.TotalImpact:0} (each field, times the page sizes of the lists above it, plus what the store must read to answer it); at most {limits.MaxComplexity} is allowed. Ask for smaller pages, fewer nested lists or narrower filters.");
            }
            else if (Request(context.ValidationContext.UserContext) is { } request && !request.Charge(context.TotalImpact))
            {
                context.Error = new LimitError(context.ValidationContext, RateLimitedCode,
                    $"This request costs {context.TotalImpact:0} points, more than this client has left; try again in {Math.Max(1, Math.Ceiling(request.RetryAfter!.Value.TotalSeconds)):0} s.");
            }

            return Task.CompletedTask;
        };
        return complexity;
    }

    /// <summary>The price of a field that has none of its own: by its kind of type and its page size.</summary>
    public static FieldComplexityResult Price(FieldImpactContext context)
    {
        if (context.FieldDefinition.Name.StartsWith("__", StringComparison.Ordinal) || context.ParentType.Name.StartsWith("__", StringComparison.Ordinal))
        {
            return Introspection(context);
        }

        var type = Unwrap(context.FieldDefinition.ResolvedType);
        if (IsPageOfAConnection(context))
        {
            return new(1, 1);
        }

        if (IsConnection(type))
        {
            return new(1, PageSize(context, NodeConnections.DefaultPageSize));
        }

        return type is ListGraphType ? new(1, PageSize(context, DefaultListSize)) : new(1, 1);
    }

    /// <summary>The price of a root list: its page, and the rows its filter, its order and its count scan.</summary>
    public static FieldComplexityResult RootList(FieldImpactContext context, NodeListDefinition definition)
    {
        var rows = Sizes(context).NodesByLabel.GetValueOrDefault(definition.Label);
        var scans = ScanningConditions(context, definition) + (SortsByMoreThanId(context) ? 1 : 0);
        return new(1 + Scan(rows, scans), PageSize(context, NodeConnections.DefaultPageSize));
    }

    /// <summary>The price of an entity's relationship list: its page, and the relationships counted for its total.</summary>
    public static FieldComplexityResult Related(FieldImpactContext context, string relationshipType, string? ownLabel)
    {
        var sizes = Sizes(context);
        var relationships = sizes.RelationshipsByType.GetValueOrDefault(relationshipType);
        var owners = Math.Max(1, ownLabel is null ? sizes.NodeCount : sizes.NodesByLabel.GetValueOrDefault(ownLabel));
        return new(1 + Scan(relationships / owners, 1), PageSize(context, NodeConnections.DefaultPageSize));
    }

    /// <summary>A question answered from the whole graph: its own cost is the graph's relationships of the given types, scanned once.</summary>
    public static FieldComplexityResult WholeGraph(FieldImpactContext context, params string[] relationshipTypes) =>
        new(1 + Scan(relationshipTypes.Sum(t => Sizes(context).RelationshipsByType.GetValueOrDefault(t)), 1), 1);

    /// <summary>A question that may read every relationship of the graph once (such as a search for paths).</summary>
    public static FieldComplexityResult EveryRelationship(FieldImpactContext context) => new(1 + Scan(Sizes(context).RelationshipCount, 1), 1);

    /// <summary>A question that may read every entity of the graph once (such as a document's facts, found by their source).</summary>
    public static FieldComplexityResult EveryEntity(FieldImpactContext context) => new(1 + Scan(Sizes(context).NodeCount, 1), 1);

    /// <summary>
    /// The work behind one SDG goal or target: the links that reach an average one (alignments, and the deliverables
    /// and outcomes behind them), and a list of <paramref name="listed"/> (the field's first, else its default).
    /// </summary>
    public static FieldComplexityResult WorkBehindAnSdg(FieldImpactContext context, int listed)
    {
        var sizes = Sizes(context);
        var links = new[] { RelationshipTypes.AlignsWith, RelationshipTypes.Serves, RelationshipTypes.Delivers }.Sum(t => sizes.RelationshipsByType.GetValueOrDefault(t));
        var sdgs = Math.Max(1, sizes.NodesByLabel.GetValueOrDefault(NodeLabels.SdgGoal) + sizes.NodesByLabel.GetValueOrDefault(NodeLabels.SdgTarget));
        return new(1 + Scan(links / sdgs, 1), PageSize(context, listed));
    }

    /// <summary>A list whose length is known from above: <paramref name="size"/> items, each costing 1.</summary>
    public static FieldComplexityResult ListOf(double size) => new(1, Math.Max(size, 0));

    /// <summary>A question that reads every entity of a label once (such as an agency's work, in the worst case all of it).</summary>
    public static FieldComplexityResult EveryEntityOf(FieldImpactContext context, string label) =>
        new(1 + Scan(Sizes(context).NodesByLabel.GetValueOrDefault(label), 1), 1);

    /// <summary>How many entities of a label the graph holds (such as the SDG framework's 17 goals and 169 targets), for lists as long as that.</summary>
    public static long CountOf(FieldImpactContext context, string label) => Sizes(context).NodesByLabel.GetValueOrDefault(label);

    /// <summary>A list as long as an id list argument, each id once.</summary>
    public static FieldComplexityResult IdList(FieldImpactContext context, string argument) =>
        new(1, Math.Max(IdCount(context, argument), 0));

    /// <summary>How many ids an id list argument holds (-1 when it is not given, or null).</summary>
    public static int IdCount(FieldImpactContext context, string argument) =>
        context.Arguments?.TryGetValue(argument, out var ids) == true && ids.Value is System.Collections.ICollection list ? list.Count : -1;

    /// <summary>An argument of the field's parent or an ancestor further up (the first that has it), for lists bounded from above.</summary>
    public static int AncestorArgument(FieldImpactContext context, string argument, int otherwise)
    {
        for (var at = context.Parent; at is not null; at = at.Value.Parent)
        {
            if (Argument(at.Value, argument) is { } number)
            {
                return Math.Max(number, 0);
            }
        }

        return otherwise;
    }

    /// <summary>The page a list asks for: first or last, else its declared default, else <paramref name="otherwise"/>; never negative.</summary>
    public static int PageSize(FieldImpactContext context, int otherwise) =>
        Math.Max(0, Argument(context, "first") ?? Argument(context, "last") ?? otherwise);

    /// <summary>Whether the field's selection asks for the field <paramref name="name"/>, directly or in a fragment.</summary>
    public static bool Selects(FieldImpactContext context, string name)
    {
        var fragments = context.ValidationContext.Document.Definitions.OfType<GraphQLFragmentDefinition>().ToList();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        return In(context.FieldAst.SelectionSet);

        bool In(GraphQLSelectionSet? selections) => selections is not null && selections.Selections.Any(selection => selection switch
        {
            GraphQLField field => field.Name.Value == name,
            GraphQLInlineFragment inline => In(inline.SelectionSet),
            GraphQLFragmentSpread spread => seen.Add(spread.FragmentName.Name.StringValue)
                && In(fragments.FirstOrDefault(f => f.FragmentName.Name.Value == spread.FragmentName.Name.Value)?.SelectionSet),
            _ => false,
        });
    }

    /// <summary>What reading <paramref name="rows"/> rows <paramref name="times"/> times costs.</summary>
    public static double Scan(long rows, int times) => (double)rows * times / RowsPerPoint;

    /// <summary>
    /// An int argument as the field will get it: as given, else its declared default (the analyzer's arguments hold only
    /// what the document gives, and a list priced by a smaller size than its default would be underpriced).
    /// </summary>
    private static int? Argument(FieldImpactContext context, string name) =>
        context.Arguments?.TryGetValue(name, out var value) == true
            ? value.Value as int?
            : context.FieldDefinition.Arguments?.Find(name)?.DefaultValue as int?;

    /// <summary>
    /// The conditions of a where filter that test every row of the list (a property, a name, or an id other than by
    /// equality): conditions on ids by equality and on related entities are index lookups, priced by the page alone.
    /// </summary>
    private static int ScanningConditions(FieldImpactContext context, NodeListDefinition definition)
    {
        NodeFilter? filter;
        try
        {
            filter = context.Arguments?.TryGetValue("where", out var where) == true
                ? FilterTranslator.Translate(definition, where.Value, int.MaxValue)
                : null;
        }
        catch (Errors.ApiError)
        {
            return 0; // refused when it runs, before the store sees it
        }

        return Count(filter);

        static int Count(NodeFilter? filter) => filter switch
        {
            AllOf all => all.Filters.Sum(Count),
            AnyOf any => any.Filters.Sum(Count),
            NotFilter not => Count(not.Filter),
            FieldCondition { Field: RelatedField or WithinField or AlignedField } => 0,
            FieldCondition { Field: IdField, Operator: FilterOperator.Equals or FilterOperator.In } => 0,
            FieldCondition { Operator: FilterOperator.Contains } => TextSearchWeight,
            FieldCondition => ConditionWeight,
            _ => 0,
        };
    }

    private static bool SortsByMoreThanId(FieldImpactContext context) =>
        context.Arguments?.TryGetValue("orderBy", out var order) == true && order.Value is System.Collections.ICollection { Count: > 0 };

    /// <summary>
    /// Introspection reads the schema held in memory: <c>__schema</c> costs the schema's size, <c>__type</c> a type's,
    /// and what is asked below either is included (so the standard introspection query is priced once, not by the
    /// product of its nested lists), while thousands of aliased <c>__schema</c> still add up.
    /// </summary>
    private static FieldComplexityResult Introspection(FieldImpactContext context) => context.FieldDefinition.Name switch
    {
        "__schema" => new(SchemaSize(context.ValidationContext.Schema), 0),
        "__type" => new(TypeSize, 0),
        _ => new(1, 1),
    };

    /// <summary>What one <c>__type</c> is priced at: a type of many fields with their arguments.</summary>
    private const int TypeSize = 200;

    private static double SchemaSize(ISchema schema) =>
        schema.AllTypes.Sum(type => 1 + type switch
        {
            IComplexGraphType complex => complex.Fields.Sum(f => 1 + (f.Arguments?.Count ?? 0)),
            EnumerationGraphType enumeration => enumeration.Values.Count,
            _ => 0,
        });

    private static bool IsPageOfAConnection(FieldImpactContext context) =>
        context.ParentType.Name.EndsWith("Connection", StringComparison.Ordinal) || context.ParentType.Name.EndsWith("Edge", StringComparison.Ordinal);

    private static bool IsConnection(IGraphType? type) => type?.Name?.EndsWith("Connection", StringComparison.Ordinal) == true;

    private static IGraphType? Unwrap(IGraphType? type) => type is NonNullGraphType nonNull ? nonNull.ResolvedType : type;

    private static GraphStatistics Sizes(FieldImpactContext context) =>
        Request(context.ValidationContext.UserContext)?.Sizes ?? new(new Dictionary<string, long>(), new Dictionary<string, long>());

    private static GraphRequest? Request(IDictionary<string, object?>? userContext) => userContext as GraphRequest;
}
