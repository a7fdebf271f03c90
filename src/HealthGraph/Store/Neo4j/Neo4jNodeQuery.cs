using System.Globalization;
using HealthGraph.Graph;

namespace HealthGraph.Store.Neo4j;

/// <summary>
/// Translates a <see cref="NodeListQuery"/> into one Cypher statement, composed from code-defined fragments: the
/// filter tree into a WHERE clause, the ordering into ORDER BY with id as the last key, and the cursors into keyset
/// predicates. Every user value becomes a parameter; the only text from the query that reaches the Cypher is a
/// property name, after it matched <see cref="FilterRules.PropertyNamePattern"/>, and a label, after it was found among
/// <see cref="NodeLabels.All"/>.
/// </summary>
/// <remarks>
/// SQLite orders every number before every text, and the empty string (a missing property) after all numbers; Cypher
/// orders text before numbers. So a property sorts by two keys: a rank (0 for a number, 1 for anything else, a missing
/// property included), then the value, and a cursor's value gives the rank it had. Null is a value of every Cypher type
/// (<c>null IS :: INTEGER</c> is true), so every type test here says <c>NOT NULL</c>; and every condition is true or
/// false, never null, so that <c>NOT</c> is its complement (docs/cypher-checklist.md).
/// </remarks>
internal sealed partial class Neo4jNodeQuery
{

    private readonly Dictionary<string, object?> _parameters = new(StringComparer.Ordinal);

    private Neo4jNodeQuery(NodeListQuery query)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(query.Label, nameof(query));
        if (query.First is < 0 || query.Last is < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(query), "First and Last must not be negative.");
        }

        if (query.First is not null && query.Last is not null)
        {
            throw new ArgumentException("Give First (to page forward) or Last (to page backward), not both.", nameof(query));
        }

        var order = query.OrderOrDefault;
        var keys = order.SelectMany(o => SortKeys(o.Field).Select(k => (Cypher: k, o.Descending))).Append((Cypher: "n.id", Descending: false)).ToList();
        var matches = Condition(query.Filter);
        var afterValues = query.After is { } after ? CursorValues(after, order) : null;
        var beforeValues = query.Before is { } before ? CursorValues(before, order) : null;
        var afterCursor = afterValues is null ? null : KeysetPredicate(keys, afterValues, isAfter: true);
        var beforeCursor = beforeValues is null ? null : KeysetPredicate(keys, beforeValues, isAfter: false);

        Backward = query.Last is not null;
        PageSize = query.Last ?? query.First;
        KnownLabel = NodeLabels.All.FirstOrDefault(l => l == query.Label);
        var label = KnownLabel ?? Neo4jRows.EntityLabel;
        var range = string.Join(" AND ", new[] { afterCursor, beforeCursor, IndexOrder(keys, afterValues, beforeValues) }.OfType<string>().DefaultIfEmpty("true"));
        var orderBy = string.Join(", ", keys.Select(k => $"{k.Cypher} {(k.Descending != Backward ? "DESC" : "ASC")}"));
        var limit = PageSize is { } size ? $"LIMIT {Parameter(size + 1L)}" : "";

        // One round trip: the page (one row more than asked, to tell whether more follow in the range), sorted and cut
        // before it is collected; then the total (only when asked for: it reads the whole list) and whether the list has
        // nodes outside the range, on the far side of each cursor (each stops at the first it finds).
        var total = query.CountTotal ? $"MATCH (n:{label}) WHERE {matches} RETURN count(n) AS total" : "RETURN -1 AS total";
        var anyBeforeAfter = afterCursor is null ? "false" : $"EXISTS {{ MATCH (n:{label}) WHERE {matches} AND NOT {afterCursor} }}";
        var anyAfterBefore = beforeCursor is null ? "false" : $"EXISTS {{ MATCH (n:{label}) WHERE {matches} AND NOT {beforeCursor} }}";
        // Unfiltered, a page in name order is read from the (name, id) index, hinted: on a small label the planner
        // otherwise may read another index whole and sort it. Filtered, the planner chooses (a narrow filter reads less).
        var hint = query.Filter is null && keys[0].Cypher == "n.name" ? $"USING INDEX n:{label}(name, id)" : "";
        Cypher = $$"""
            CALL () {
              MATCH (n:{{label}})
              {{hint}}
              WHERE {{matches}} AND {{range}}
              WITH n
              ORDER BY {{orderBy}}
              {{limit}}
              RETURN collect(n) AS page
            }
            CALL () {
              {{total}}
            }
            RETURN page, total, {{anyBeforeAfter}} AS anyAtOrBeforeAfter, {{anyAfterBefore}} AS anyAtOrAfterBefore
            """;
    }

    /// <summary>The statement: one row of page (nodes in list order, reversed when backward), total (-1 when not counted), anyAtOrBeforeAfter, anyAtOrAfterBefore.</summary>
    public string Cypher { get; }

    public IReadOnlyDictionary<string, object?> Parameters => _parameters;

    /// <summary>The label as one of <see cref="NodeLabels.All"/>, or null: then no node can match.</summary>
    public string? KnownLabel { get; }

    /// <summary>Whether the page is read from the end (Last/Before): its rows come back in reverse list order.</summary>
    public bool Backward { get; }

    /// <summary>How many nodes the page holds at most (null: all in the range).</summary>
    public int? PageSize { get; }

    /// <exception cref="ArgumentException">The query cannot be translated: an invalid property name, a related field
    /// with an operator other than equality or <c>in</c>, a sort by a related field, a wrong number or type of values.</exception>
    public static Neo4jNodeQuery Translate(NodeListQuery query) => new(query);

    /// <summary>
    /// The ids of the work in a limit (one row, ids): agency_links.cypher's and sdg_work.cypher's $limited. With a place,
    /// read from the place out along the pattern <see cref="Within"/> tests (an index seek on the place's id, then its
    /// work), so that the rows read grow with the work there, not with all work.
    /// </summary>
    private Neo4jNodeQuery(WorkLimit limit)
    {
        var labels = string.Join(" OR ", WorkLimit.Labels.Select(l => $"n:{l}"));
        var period = Condition(limit.Period);
        var branches = WorkLimit.Labels.Select(l => $"MATCH (n:{l}) WHERE {period} RETURN n.id AS id");
        Cypher = limit.PlaceId is { } place
            ? $"MATCH (o:Entity {{id: {Parameter(place)}}})\nMATCH {s_locatedPattern}\nWHERE ({labels}) AND {period}\nRETURN collect(DISTINCT n.id) AS ids"
            : $"CALL () {{\n  {string.Join("\n  UNION\n  ", branches)}\n}}\nRETURN collect(id) AS ids";
        KnownLabel = null;
    }

    /// <summary>The statement that lists the work in <paramref name="limit"/>.</summary>
    public static Neo4jNodeQuery LimitedWork(WorkLimit limit) => new(limit);

    /// <summary>Work n located in place o or in a place inside it (PART_OF, as deep as places nest): the one pattern of <see cref="NodeField.Within"/>.</summary>
    private static readonly string s_locatedPattern =
        $"(n)-[:{RelationshipTypes.LocatedIn}]->(:Entity)-[:{RelationshipTypes.PartOf}*0..{Vocabulary.PlaceDepth}]->(o:Entity)";

    /// <summary>The keys a field sorts by, as <see cref="NodeField.SortValue"/> orders them in the SQLite store.</summary>
    private static string[] SortKeys(NodeField field) => field switch
    {
        IdField => ["n.id"],
        NameField => ["n.name"],
        PropertyField p => [$"CASE WHEN {Property(p.PropertyName)} IS :: INTEGER NOT NULL | FLOAT NOT NULL THEN 0 ELSE 1 END", $"coalesce({Property(p.PropertyName)}, '')"],
        RankedField r => [$"CASE {Property(r.PropertyName)} {string.Concat(r.Ranks().Select(x => $"WHEN '{x.Code}' THEN {x.Rank} "))}ELSE {r.Order.Count} END"],
        RelatedField or WithinField or AlignedField => throw new ArgumentException("Nodes cannot be ordered by a related field.", nameof(field)),
        _ => throw new ArgumentException($"Unknown field {field}.", nameof(field)),
    };

    /// <summary>
    /// Lets the page be read in index order (the Cypher checklist: index-backed paging) when the list is ordered by name
    /// or id, properties every node has: the keys' existence, which lets the planner read the label's (name, id) index
    /// (Migrations/0014_name_order.cypher) or its id index in order, and past a cursor the first key's bound, where the read
    /// starts (the keyset predicate, wrapped in coalesce, gives the planner no bound). Each holds for every node the
    /// keyset predicate keeps, so the page is the same; null when the first key is another property's.
    /// </summary>
    private string? IndexOrder(List<(string Cypher, bool Descending)> keys, List<object>? afterValues, List<object>? beforeValues)
    {
        if (keys[0].Cypher is not ("n.name" or "n.id"))
        {
            return null;
        }

        var (first, descending) = keys[0];
        List<string> bounds = [];
        if (afterValues is not null)
        {
            bounds.Add($"{first} {(descending ? "<=" : ">=")} {Parameter(afterValues[0])}");
        }

        if (beforeValues is not null)
        {
            bounds.Add($"{first} {(descending ? ">=" : "<=")} {Parameter(beforeValues[0])}");
        }

        return string.Join(" AND ", [.. bounds.DefaultIfEmpty($"{first} IS NOT NULL"), .. keys.Skip(1).Select(k => $"{k.Cypher} IS NOT NULL")]);
    }

    private string KeysetPredicate(List<(string Cypher, bool Descending)> keys, IReadOnlyList<object> values, bool isAfter) =>
        $"coalesce({FilterRules.KeysetPredicate(keys, [.. values.Select(v => Parameter(v))], isAfter)}, false)";

    /// <summary>A cursor's values, one per sort key: a property's value is preceded by its rank.</summary>
    private static List<object> CursorValues(NodeKey key, IReadOnlyList<NodeOrder> order)
    {
        var values = new List<object>();
        foreach (var (field, value) in order.Select(o => o.Field).Zip(FilterRules.CursorSortValues(key, order)))
        {
            if (field is PropertyField)
            {
                values.Add(value is string ? 1L : 0L);
            }

            values.Add(value);
        }

        values.Add(key.Id);
        return values;
    }

    /// <summary>A condition that is always true or false, never null, so that NOT is the complement.</summary>
    private string Condition(NodeFilter? filter) => FilterRules.Render(filter, "true", "false", FieldCondition);

    private string FieldCondition(FieldCondition condition, List<object> values) =>
        condition.Field switch
        {
            IdField => Comparison("n.id", condition.Operator, values),
            NameField => Comparison("n.name", condition.Operator, values),
            // "Any element satisfies it" covers lists and scalars alike; a missing property gives no element.
            PropertyField p => $"""
                any(x IN CASE WHEN {Property(p.PropertyName)} IS :: LIST<ANY> NOT NULL THEN {Property(p.PropertyName)} ELSE [{Property(p.PropertyName)}] END
                    WHERE x IS NOT NULL AND {Comparison("x", condition.Operator, values)})
                """,
            RelatedField r => Related(r, condition.Operator, values),
            WithinField => Within(condition.Operator, values),
            ActiveInField => ActiveIn(condition.Operator, values),
            AlignedField a => Aligned(a, condition.Operator, values),
            _ => throw new ArgumentException($"Unknown field {condition.Field}.", nameof(condition)),
        };

    /// <summary>
    /// One comparison of a (non-null) value with the condition's values. Ordering comparisons only hold between values
    /// of the same kind (number with number, text with text), as in the SQLite store.
    /// </summary>
    private string Comparison(string value, FilterOperator op, List<object> values)
    {
        if (op == FilterOperator.In)
        {
            return $"{value} IN {Parameter(values.ToArray())}";
        }

        var operand = values[0];
        if (op == FilterOperator.Contains)
        {
            return $"({value} IS :: STRING NOT NULL AND toLower({value}) CONTAINS {Parameter(FilterRules.ContainsText(values))})";
        }

        var symbol = FilterRules.Symbol(op);
        var kind = operand is string ? "STRING NOT NULL" : "INTEGER NOT NULL | FLOAT NOT NULL";
        return op == FilterOperator.Equals
            ? $"coalesce({value} = {Parameter(operand)}, false)"
            : $"({value} IS :: {kind} AND coalesce({value} {symbol} {Parameter(operand)}, false))";
    }

    private string Related(RelatedField field, FilterOperator op, List<object> values)
    {
        FilterRules.RequireEquality(field, op);

        var pattern = field.Direction == Direction.Outgoing ? "(n)-[r]->(o:Entity)" : "(n)<-[r]-(o:Entity)";
        return $"EXISTS {{ MATCH {pattern} WHERE type(r) = {Parameter(field.RelationshipType)} AND {Comparison("o.id", op, values)} }}";
    }

    /// <summary>
    /// Work active in the period: a start on or before its last day (a range the indexes on Deliverable's and Outcome's
    /// periodStart serve, migrations 0009 and 0010) and no end before its first; true or false, never null, so that NOT is
    /// the complement.
    /// </summary>
    private string ActiveIn(FilterOperator op, List<object> values)
    {
        var (from, to) = ActiveInField.Bounds(op, values);
        var (start, end) = (Property(NodeProperties.PeriodStart), Property(NodeProperties.PeriodEnd));
        // The bare comparison lets the planner seek the index by range (with an IS NOT NULL before it, Neo4j 5.26 scans the
        // whole index); its coalesce makes a missing start false rather than null. Not a type test: under NOT, 5.26 plans
        // "NOT start IS :: STRING NOT NULL" from the index, which holds no node without a start, and so loses them all.
        var last = Parameter(to);
        return $"({start} <= {last} AND coalesce({start} <= {last}, false) AND NOT coalesce({end} < {Parameter(from)}, false))";
    }

    /// <summary>Work located in the given places or in a place inside them (PART_OF, as deep as places nest).</summary>
    private string Within(FilterOperator op, List<object> values)
    {
        FilterRules.RequireEquality(NodeField.Within, op);
        return $"EXISTS {{ MATCH {s_locatedPattern} WHERE {Comparison("o.id", op, values)} }}";
    }

    /// <summary>
    /// Work aligned with the given SDG goals or targets by the field's rule (<see cref="AlignmentPaths"/>): an alignment
    /// from the work to a node itself or (a goal) to one of its targets, or from what the work serves to either.
    /// </summary>
    private string Aligned(AlignedField field, FilterOperator op, List<object> values)
    {
        FilterRules.RequireEquality(field, op);
        var basis = field.Rule.Basis is { } b ? $" AND a.basis = {Parameter(Provenance.ToCode(b))}" : "";
        var itself = Comparison("s.id", op, values);
        var itsGoal = $"EXISTS {{ MATCH (s)<-[:HAS_TARGET]-(g:Entity) WHERE {Comparison("g.id", op, values)} }}";
        var paths = new List<string>();
        if (field.Rule.Has(AlignmentPaths.Direct))
        {
            paths.Add($"EXISTS {{ MATCH (n)-[a:ALIGNS_WITH]->(s:Entity) WHERE {itself}{basis} }}");
        }

        if (field.Rule.Has(AlignmentPaths.ViaTarget))
        {
            paths.Add($"EXISTS {{ MATCH (n)-[a:ALIGNS_WITH]->(s:Entity) WHERE {itsGoal}{basis} }}");
        }

        if (field.Rule.Has(AlignmentPaths.ViaOutcome))
        {
            paths.Add($"EXISTS {{ MATCH (n)-[:SERVES]->(:Entity)-[a:ALIGNS_WITH]->(s:Entity) WHERE ({itself} OR {itsGoal}){basis} }}");
        }

        return paths.Count == 0 ? "false" : $"({string.Join(" OR ", paths)})";
    }

    /// <summary>A property access: the name is checked, so it cannot be anything but an identifier.</summary>
    private static string Property(string propertyName) => $"n.{Neo4jRows.StoredKey(FilterRules.CheckedPropertyName(propertyName))}";

    private string Parameter(object? value)
    {
        var name = string.Create(CultureInfo.InvariantCulture, $"p{_parameters.Count}");
        _parameters[name] = value;
        return "$" + name;
    }
}
