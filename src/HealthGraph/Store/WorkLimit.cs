using HealthGraph.Graph;

namespace HealthGraph.Store;

/// <summary>
/// A coordination question limited to some of the work: the deliverables and outcomes active in a period and located in
/// a place (or in a place inside it), each by its own period and place, by the rules of the deliverables filters
/// <c>activeIn</c> and <c>place</c> (<see cref="NodeField.ActiveIn"/>, <see cref="NodeField.Within"/>). A limited
/// question counts what it would count if the graph held only that work: the links of a limited deliverable, of an
/// outcome a limited deliverable serves, and of a limited outcome of a results framework an agency manages. An agency's
/// own themes belong to no piece of work, so a limited question leaves them out.
/// </summary>
/// <param name="Period">Work active in a period (<see cref="NodeField.ActiveBetween"/>), or null for any time.</param>
/// <param name="PlaceId">Work located in this place or in a place inside it, or null for anywhere.</param>
public sealed record WorkLimit(NodeFilter? Period, string? PlaceId)
{
    /// <summary>The kinds of node a limit picks by their own period and place.</summary>
    public static IReadOnlyList<string> Labels { get; } = [NodeLabels.Deliverable, NodeLabels.Outcome];

    /// <summary>The condition a piece of work in the limit meets.</summary>
    public NodeFilter Filter => new AllOf(
    [
        .. Period is null ? Array.Empty<NodeFilter>() : [Period],
        .. PlaceId is null ? Array.Empty<NodeFilter>() : [new FieldCondition(NodeField.Within, FilterOperator.Equals, [PlaceId])],
    ]);
}

/// <summary>
/// A row of the partner-overlap aggregate as a limited question recomputes it: an agency has an item in a dimension,
/// reached by this many links (of the basis asked for).
/// </summary>
public sealed record AgencyItemLinks(string Agency, OverlapDimension Dimension, string Item, long Links)
{
    /// <summary>Rows in the order a store gives them: by dimension, item, then agency (ids ordinal).</summary>
    public static IReadOnlyList<AgencyItemLinks> InOrder(IEnumerable<AgencyItemLinks> rows) =>
        [.. rows.OrderBy(r => r.Dimension).ThenBy(r => r.Item, StringComparer.Ordinal).ThenBy(r => r.Agency, StringComparer.Ordinal)];
}
