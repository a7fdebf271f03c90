using System.Globalization;
using System.Text.Json;
using HealthGraph.Graph;

namespace HealthGraph.Store.Sqlite;

/// <summary>
/// Translates a <see cref="NodeListQuery"/> into SQLite: the filter tree into a WHERE clause, the ordering into ORDER
/// BY with id as the last key, and the cursors into keyset predicates. Every user value becomes a parameter; the only
/// text from the query that reaches the SQL is a property name, and only after it matched <see cref="FilterRules.PropertyNamePattern"/>.
/// </summary>
internal sealed partial class SqliteNodeQuery
{
    /// <summary>The function that folds case for <see cref="FilterOperator.Contains"/>: SQLite's lower() folds ASCII only.</summary>
    public const string CaseFoldFunction = "hg_casefold";


    private readonly List<(string Name, object? Value)> _parameters = [];

    private SqliteNodeQuery(NodeListQuery query)
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
        var keys = order.Select(o => (Sql: SortExpression(o.Field), o.Descending)).Append((Sql: "n.id", Descending: false)).ToList();
        var matches = $"n.label = {Parameter(query.Label)} AND {Condition(query.Filter)}";
        var afterCursor = query.After is { } after ? KeysetPredicate(keys, CursorValues(after, order), isAfter: true) : null;
        var beforeCursor = query.Before is { } before ? KeysetPredicate(keys, CursorValues(before, order), isAfter: false) : null;

        Backward = query.Last is not null;
        PageSize = query.Last ?? query.First;
        var range = string.Join(" AND ", new[] { afterCursor, beforeCursor }.OfType<string>().DefaultIfEmpty("1"));
        var orderBy = string.Join(", ", keys.Select(k => $"{k.Sql} {(k.Descending != Backward ? "DESC" : "ASC")}"));

        // One round trip: the page (one row more than asked, to tell whether more follow in the range), then the
        // total and whether the list has nodes outside the range, on the far side of each cursor (Relay's optional
        // hasPreviousPage after `after` and hasNextPage before `before`, which a client paging back needs).
        Sql = $"""
            SELECT {SqliteRows.NodeColumns}
              FROM node n
             WHERE {matches} AND {range}
             ORDER BY {orderBy}
             LIMIT {Parameter(PageSize is { } size ? size + 1L : -1L)};

            SELECT {(query.CountTotal ? $"(SELECT COUNT(*) FROM node n WHERE {matches})" : "-1")},
                   {(afterCursor is null ? "0" : $"EXISTS (SELECT 1 FROM node n WHERE {matches} AND NOT ({afterCursor}))")},
                   {(beforeCursor is null ? "0" : $"EXISTS (SELECT 1 FROM node n WHERE {matches} AND NOT ({beforeCursor}))")};
            """;
    }

    /// <summary>The ids of the work in a limit, as one JSON array: the @limited of agency_links.sql and sdg_work.sql.</summary>
    private SqliteNodeQuery(WorkLimit limit)
    {
        var labels = string.Join(", ", WorkLimit.Labels.Select(l => Parameter(l)));
        Sql = $"SELECT json_group_array(n.id) FROM node n WHERE n.label IN ({labels}) AND {Condition(limit.Filter)}";
    }

    /// <summary>The statement that lists the work in <paramref name="limit"/>: one row, one JSON array of ids.</summary>
    public static SqliteNodeQuery LimitedWork(WorkLimit limit) => new(limit);

    /// <summary>Two statements: the page's rows (<see cref="SqliteRows.NodeColumns"/>), then one row of total, any-before-after and any-after-before.</summary>
    public string Sql { get; }

    public IReadOnlyList<(string Name, object? Value)> Parameters => _parameters;

    /// <summary>Whether the page is read from the end (Last/Before): its rows come back in reverse list order.</summary>
    public bool Backward { get; }

    /// <summary>How many nodes the page holds at most (null: all in the range).</summary>
    public int? PageSize { get; }

    /// <exception cref="ArgumentException">The query cannot be translated: an invalid property name, a related field
    /// with an operator other than equality or <c>in</c>, a sort by a related field, a wrong number or type of values.</exception>
    public static SqliteNodeQuery Translate(NodeListQuery query) => new(query);

    /// <summary>The value a field sorts by: equal to <see cref="NodeField.SortValue"/> for every node.</summary>
    private static string SortExpression(NodeField field) => field switch
    {
        IdField => "n.id",
        NameField => "n.name",
        // A missing property sorts as '', which SQLite orders after every number and before all other text.
        PropertyField p => $"ifnull(json_extract(n.props, {JsonPath(p.PropertyName)}), '')",
        RankedField r => $"CASE json_extract(n.props, {JsonPath(r.PropertyName)}) {string.Concat(r.Ranks().Select(x => $"WHEN '{x.Code}' THEN {x.Rank} "))}ELSE {r.Order.Count} END",
        RelatedField or WithinField or AlignedField => throw new ArgumentException("Nodes cannot be ordered by a related field.", nameof(field)),
        _ => throw new ArgumentException($"Unknown field {field}.", nameof(field)),
    };

    private string KeysetPredicate(List<(string Sql, bool Descending)> keys, IReadOnlyList<object> values, bool isAfter) =>
        FilterRules.KeysetPredicate(keys, [.. values.Select(Parameter)], isAfter);

    private static List<object> CursorValues(NodeKey key, IReadOnlyList<NodeOrder> order) =>
        [.. FilterRules.CursorSortValues(key, order), key.Id];

    /// <summary>A condition that is always true or false, never NULL, so that NOT is the complement.</summary>
    private string Condition(NodeFilter? filter) => FilterRules.Render(filter, "1", "0", FieldCondition);

    private string FieldCondition(FieldCondition condition, List<object> values) => condition.Field switch
    {
        IdField => Comparison("n.id", "typeof(n.id)", condition.Operator, values),
        NameField => Comparison("n.name", "typeof(n.name)", condition.Operator, values),
        // json_each walks a list's elements, and gives a single row for a scalar: "any element satisfies it"
        // covers both, and a missing property gives no row, so the condition is false.
        PropertyField p => $"""
                EXISTS (SELECT 1 FROM json_each(n.props, {JsonPath(p.PropertyName)}) e
                         WHERE e.type IN ('integer', 'real', 'text') AND {Comparison("e.value", "e.type", condition.Operator, values)})
                """,
        RelatedField r => Related(r, condition.Operator, values),
        WithinField => Within(condition.Operator, values),
        AlignedField a => Aligned(a, condition.Operator, values),
        ActiveInField => ActiveIn(condition.Operator, values),
        _ => throw new ArgumentException($"Unknown field {condition.Field}.", nameof(condition)),
    };

    /// <summary>
    /// One comparison of a value with the condition's values. Ordering comparisons only hold between values of the
    /// same kind (number with number, text with text): SQLite would otherwise rank every text above every number.
    /// </summary>
    private string Comparison(string value, string type, FilterOperator op, List<object> values)
    {
        if (op == FilterOperator.In)
        {
            return $"{value} IN (SELECT value FROM json_each({Parameter(JsonSerializer.Serialize(values))}))";
        }

        var operand = values[0];
        if (op == FilterOperator.Contains)
        {
            return $"({type} = 'text' AND instr({CaseFoldFunction}({value}), {Parameter(FilterRules.ContainsText(values))}) > 0)";
        }

        var symbol = FilterRules.Symbol(op);
        var kind = operand is string ? "('text')" : "('integer', 'real')";
        return op == FilterOperator.Equals
            ? $"{value} = {Parameter(operand)}"
            : $"({type} IN {kind} AND {value} {symbol} {Parameter(operand)})";
    }

    private string Related(RelatedField field, FilterOperator op, List<object> values)
    {
        FilterRules.RequireEquality(field, op);

        // An IN list rather than a correlated EXISTS: SQLite then starts from the few relationships that match (an index
        // on type and end) instead of probing every node of the label. At 100,000 deliverables, 50 ms became 1 ms.
        var (here, there) = field.Direction == Direction.Outgoing ? ("src", "dst") : ("dst", "src");
        return $"""
            n.id IN (SELECT r.{here} FROM edge r
                      WHERE r.type = {Parameter(field.RelationshipType)}
                        AND {Comparison($"r.{there}", $"typeof(r.{there})", op, values)})
            """;
    }

    /// <summary>
    /// Work active in the period: an IN list read from the two period indexes alone (node_period, node_period_running:
    /// migration 0010), so that the condition is true or false and NOT its complement. A node's period end is never
    /// before its start (WorkPeriod), so work that ends on or after the first day and starts on or before the last
    /// overlaps the period.
    /// </summary>
    private string ActiveIn(FilterOperator op, List<object> values)
    {
        var (from, to) = ActiveInField.Bounds(op, values);
        var (start, end) = ($"json_extract(props, '$.{NodeProperties.PeriodStart}')", $"json_extract(props, '$.{NodeProperties.PeriodEnd}')");
        var (first, last) = (Parameter(from), Parameter(to));
        return $"""
            n.id IN (SELECT id FROM node INDEXED BY node_period WHERE {end} >= {first} AND {start} <= {last}
                     UNION ALL
                     SELECT id FROM node INDEXED BY node_period_running WHERE {end} IS NULL AND {start} <= {last})
            """;
    }

    /// <summary>
    /// Work located in the given places or in a place inside them: the places, and those part of them (a recursive
    /// walk down PART_OF, as deep as places nest), are the ends of the LOCATED_IN relationships that match.
    /// </summary>
    private string Within(FilterOperator op, List<object> values)
    {
        FilterRules.RequireEquality(NodeField.Within, op);
        return $"""
            n.id IN (SELECT r.src FROM edge r
                      WHERE r.type = '{RelationshipTypes.LocatedIn}'
                        AND ({Comparison("r.dst", "typeof(r.dst)", op, values)}
                             OR r.dst IN (WITH RECURSIVE inside(id, depth) AS (
                                            SELECT p.src, 1 FROM edge p
                                             WHERE p.type = '{RelationshipTypes.PartOf}' AND {Comparison("p.dst", "typeof(p.dst)", op, values)}
                                            UNION
                                            SELECT p.src, i.depth + 1 FROM edge p JOIN inside i ON p.dst = i.id
                                             WHERE p.type = '{RelationshipTypes.PartOf}' AND i.depth < {Vocabulary.PlaceDepth})
                                          SELECT id FROM inside)))
            """;
    }

    /// <summary>
    /// Work aligned with the given SDG goals or targets by the field's rule (<see cref="AlignmentPaths"/>): the sources
    /// of the alignments that reach them (the nodes themselves, their targets), and, via an outcome, what serves those.
    /// </summary>
    private string Aligned(AlignedField field, FilterOperator op, List<object> values)
    {
        FilterRules.RequireEquality(field, op);
        var basis = field.Rule.Basis is { } b ? $" AND a.basis = {Parameter(Provenance.ToCode(b))}" : "";

        // The alignments that reach the nodes: to a node itself, or (a goal) to one of its targets.
        string Reaching(bool itself, bool itsTargets)
        {
            var node = itself ? Comparison("a.dst", "typeof(a.dst)", op, values) : "0";
            var target = itsTargets
                ? $"a.dst IN (SELECT h.dst FROM edge h WHERE h.type = 'HAS_TARGET' AND {Comparison("h.src", "typeof(h.src)", op, values)})"
                : "0";
            return $"SELECT a.src FROM edge a WHERE a.type = 'ALIGNS_WITH'{basis} AND ({node} OR {target})";
        }

        var paths = new List<string>();
        if (field.Rule.Has(AlignmentPaths.Direct) || field.Rule.Has(AlignmentPaths.ViaTarget))
        {
            paths.Add(Reaching(field.Rule.Has(AlignmentPaths.Direct), field.Rule.Has(AlignmentPaths.ViaTarget)));
        }

        if (field.Rule.Has(AlignmentPaths.ViaOutcome))
        {
            paths.Add($"SELECT s.src FROM edge s WHERE s.type = 'SERVES' AND s.dst IN ({Reaching(itself: true, itsTargets: true)})");
        }

        return paths.Count == 0 ? "0" : $"n.id IN ({string.Join(" UNION ", paths)})";
    }

    /// <summary>A JSON path literal for a property: the name is checked, so it cannot end the string or the path.</summary>
    private static string JsonPath(string propertyName) => $"'$.{FilterRules.CheckedPropertyName(propertyName)}'";

    private string Parameter(object value)
    {
        var name = string.Create(CultureInfo.InvariantCulture, $"@p{_parameters.Count}");
        _parameters.Add((name, value));
        return name;
    }

    /// <summary>The case folding of <see cref="CaseFoldFunction"/>: full Unicode lower case, culture-invariant.</summary>
    public static string? CaseFold(string? text) => text?.ToLowerInvariant();
}
