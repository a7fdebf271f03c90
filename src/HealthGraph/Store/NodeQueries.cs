using System.Globalization;
using HealthGraph.Graph;

namespace HealthGraph.Store;

/// <summary>
/// Something about a node that a filter tests or an ordering sorts by: its id, its name, one of its properties, or
/// the id of a node at the other end of one of its relationships (filters only).
/// </summary>
public abstract record NodeField
{
    public static NodeField Id { get; } = new IdField();

    public static NodeField Name { get; } = new NameField();

    public static NodeField Property(string name) => new PropertyField(name);

    public static NodeField Related(string relationshipType, Direction direction) => new RelatedField(relationshipType, direction);

    /// <summary>A property of a closed vocabulary, sorted in the order of <paramref name="order"/> (values not in it last): sorting only.</summary>
    public static NodeField Ranked(string name, IReadOnlyList<string> order) => new RankedField(name, order);

    /// <summary>
    /// The ids of the places the work is located in and of every place those are part of (a district's region and
    /// country), so that work in a district is work in its region: equality and <c>in</c> only.
    /// </summary>
    public static NodeField Within { get; } = new WithinField();

    /// <summary>The ids of the SDG goals and targets the work is aligned with, by <paramref name="rule"/> (<see cref="AlignmentPaths"/>).</summary>
    public static NodeField Aligned(AlignmentRule rule) => new AlignedField(rule);

    /// <summary>
    /// The period the work runs (<see cref="WorkPeriod"/>): a condition's values are a period's first and last day, and
    /// it holds for work active at some time in it (<see cref="ActiveInField"/>).
    /// </summary>
    public static NodeField ActiveIn { get; } = new ActiveInField();

    /// <summary>The condition "active at some time from <paramref name="from"/> to <paramref name="to"/>" (ISO days, inclusive).</summary>
    public static FieldCondition ActiveBetween(string from, string to) => new(ActiveIn, FilterOperator.Equals, [from, to]);

    /// <summary>
    /// The value this field sorts by for a node: never null, so that keyset pagination can compare it. A missing
    /// property sorts as the empty string, which every store orders after all numbers and before all other text.
    /// </summary>
    public abstract object SortValue(GraphNode node);
}

public sealed record IdField : NodeField
{
    public override object SortValue(GraphNode node) => node.Id;
}

public sealed record NameField : NodeField
{
    public override object SortValue(GraphNode node) => node.Name;
}

/// <summary>A scalar or list property (for a list, a condition holds when any element satisfies it).</summary>
public sealed record PropertyField(string PropertyName) : NodeField
{
    public override object SortValue(GraphNode node) => node.Properties.TryGetValue(PropertyName, out var value)
        ? value switch
        {
            long or double or string => value,
            int i => (long)i,
            null => string.Empty,
            IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
            _ => value.ToString() ?? string.Empty,
        }
        : string.Empty;
}

/// <summary>
/// A property whose values are codes of a closed vocabulary, sorted by their place in <see cref="Order"/> (a missing or
/// unlisted value after every listed one), not alphabetically: a meaningful order for statuses. Sorting only; the
/// codes are written into the statement, so they must be codes (upper-case letters and '_').
/// </summary>
public sealed record RankedField(string PropertyName, IReadOnlyList<string> Order) : NodeField
{
    public override object SortValue(GraphNode node) => Rank(node.GetString(PropertyName));

    /// <summary>The place of <paramref name="value"/> in <see cref="Order"/>; unlisted and missing values come after every listed one.</summary>
    public long Rank(string? value)
    {
        for (var i = 0; i < Order.Count; i++)
        {
            if (Order[i] == value)
            {
                return i;
            }
        }

        return Order.Count;
    }

    /// <summary>The codes and their ranks, checked to be codes, for a statement's CASE expression.</summary>
    public IEnumerable<(string Code, int Rank)> Ranks() => Order.Select((code, rank) =>
        code.Length > 0 && code.All(c => c is (>= 'A' and <= 'Z') or '_')
            ? (code, rank)
            : throw new ArgumentException($"'{code}' is not a vocabulary code (upper-case letters and '_').", nameof(Order)));

    public bool Equals(RankedField? other) => other is not null && PropertyName == other.PropertyName && Order.SequenceEqual(other.Order);

    public override int GetHashCode() => HashCode.Combine(PropertyName, Order.Count);
}

/// <summary>The ids of the nodes at the other end of a relationship type (only equality and <c>in</c> apply).</summary>
public sealed record RelatedField(string RelationshipType, Direction Direction) : NodeField
{
    public override object SortValue(GraphNode node) =>
        throw new NotSupportedException("Related fields can be filtered on but not sorted by.");
}

/// <summary>
/// The places a piece of work is located in (LOCATED_IN), each with the places it is part of (PART_OF, at most
/// <see cref="Vocabulary.PlaceDepth"/> steps): only equality and <c>in</c> apply.
/// </summary>
public sealed record WithinField : NodeField
{
    public override object SortValue(GraphNode node) =>
        throw new NotSupportedException("Places can be filtered on but not sorted by.");
}

/// <summary>
/// The period a piece of work runs, <see cref="NodeProperties.PeriodStart"/> to <see cref="NodeProperties.PeriodEnd"/>
/// (none: running): a condition (Equals, with a period's first and last day) holds when the work starts on or before the
/// last day and does not end before the first. Work without a period start satisfies none.
/// </summary>
public sealed record ActiveInField : NodeField
{
    public override object SortValue(GraphNode node) =>
        throw new NotSupportedException("A period can be filtered on but not sorted by.");

    /// <summary>The period's first and last day of a condition on this field.</summary>
    public static (string From, string To) Bounds(FilterOperator op, IReadOnlyList<object> values) =>
        op == FilterOperator.Equals && values is [string from, string to]
            ? (from, to)
            : throw new ArgumentException("A period condition is Equals with the period's first and last day.", nameof(values));
}

/// <summary>
/// The ids of the SDG goals and targets a piece of work is aligned with by a rule's paths and basis (only equality and
/// <c>in</c> apply): the one definition of <see cref="AlignmentPaths"/>, which each store writes in its own language.
/// </summary>
public sealed record AlignedField(AlignmentRule Rule) : NodeField
{
    public override object SortValue(GraphNode node) =>
        throw new NotSupportedException("Alignments can be filtered on but not sorted by.");
}

public enum FilterOperator
{
    /// <summary>Equal to the single value (text compares exactly, case-sensitive).</summary>
    Equals,

    /// <summary>Equal to one of the values.</summary>
    In,

    /// <summary>Text that contains the single value, ignoring case.</summary>
    Contains,

    GreaterThan,
    GreaterThanOrEqual,
    LessThan,
    LessThanOrEqual,
}

/// <summary>A filter over nodes: conditions on fields, combined with AND, OR and NOT.</summary>
public abstract record NodeFilter;

public sealed record AllOf(IReadOnlyList<NodeFilter> Filters) : NodeFilter;

public sealed record AnyOf(IReadOnlyList<NodeFilter> Filters) : NodeFilter;

public sealed record NotFilter(NodeFilter Filter) : NodeFilter;

/// <summary>
/// A condition on one field. Values are strings, longs or doubles; <see cref="FilterOperator.In"/> takes any number
/// of them (none matches nothing), every other operator exactly one.
/// </summary>
public sealed record FieldCondition(NodeField Field, FilterOperator Operator, IReadOnlyList<object> Values) : NodeFilter;

public sealed record NodeOrder(NodeField Field, bool Descending = false);

/// <summary>
/// A position in an ordered list: the sort values of a node (one per <see cref="NodeOrder"/>, as given by
/// <see cref="NodeField.SortValue"/>) and its id, which breaks ties (always ascending).
/// </summary>
public sealed record NodeKey(IReadOnlyList<object> SortValues, string Id)
{
    public static NodeKey Of(GraphNode node, IReadOnlyList<NodeOrder> order) =>
        new([.. order.Select(o => o.Field.SortValue(node))], node.Id);
}

/// <summary>
/// One page of a label's nodes, filtered and ordered, Relay-style: either the <see cref="First"/> nodes after
/// <see cref="After"/> (forward) or the <see cref="Last"/> nodes before <see cref="Before"/> (backward). When both
/// cursors are given, only nodes strictly between them count. The page is always returned in list order.
/// </summary>
public sealed record NodeListQuery(
    string Label,
    NodeFilter? Filter = null,
    IReadOnlyList<NodeOrder>? Order = null,
    int? First = null,
    NodeKey? After = null,
    int? Last = null,
    NodeKey? Before = null)
{
    public IReadOnlyList<NodeOrder> OrderOrDefault => Order ?? [];

    /// <summary>
    /// Whether the page needs <see cref="NodePage.TotalCount"/> (default true). Counting reads the whole list, so a caller
    /// that reads the list page by page (an export) sets it false, and the stores skip it on every page: the page's
    /// total is then -1.
    /// </summary>
    public bool CountTotal { get; init; } = true;
}

/// <summary>
/// A page: the nodes, whether more exist after and before it (within the cursors' range), and how many nodes match
/// the filter in all (ignoring cursors and page size).
/// </summary>
public sealed record NodePage(IReadOnlyList<GraphNode> Nodes, bool HasNextPage, bool HasPreviousPage, long TotalCount)
{
    /// <summary>
    /// The page from what a store's list query read: up to one row more than the page (in reading order, reversed when
    /// reading <paramref name="backward"/>), the total, and whether the range holds nodes at or before the
    /// <c>after</c> cursor and at or after the <c>before</c> cursor.
    /// </summary>
    public static NodePage FromRows(
        List<GraphNode> rows, int? pageSize, bool backward, long total, bool anyAtOrBeforeAfter, bool anyAtOrAfterBefore)
    {
        // The extra row says whether the range holds more nodes beyond the page, on the side the page was read from;
        // the other side is the far side of a cursor (Relay: hasPreviousPage when `after` is given, and so on).
        var more = pageSize is { } size && rows.Count > size;
        var page = more ? rows.GetRange(0, pageSize!.Value) : rows;
        if (backward)
        {
            page.Reverse();
            return new NodePage(page, HasNextPage: anyAtOrAfterBefore, HasPreviousPage: more || anyAtOrBeforeAfter, total);
        }

        return new NodePage(page, HasNextPage: more || anyAtOrAfterBefore, HasPreviousPage: anyAtOrBeforeAfter, total);
    }
}
