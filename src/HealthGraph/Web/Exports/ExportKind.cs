using HealthGraph.Graph;
using HealthGraph.Store;

namespace HealthGraph.Web.Exports;

/// <summary>
/// One kind of export (<c>/export/{Name}.csv</c> and <c>.json</c>): its columns, the query-string parameters it takes,
/// and its rows in batches, produced by the same store calls as the GraphQL fields. The first batch is awaited before
/// the response starts, so a bad parameter (checked at the start of <see cref="RowsAsync"/>) or a store outage there
/// still gets its own status code.
/// </summary>
public interface IExportKind
{
    string Name { get; }

    IReadOnlyList<string> Columns { get; }

    IReadOnlyCollection<string> Parameters { get; }

    IAsyncEnumerable<IReadOnlyList<object?[]>> RowsAsync(ExportParameters parameters, IGraphStore store, CancellationToken cancellationToken);
}

/// <summary>The provenance columns of every row that carries a fact: basis, reason, and the source document and excerpt.</summary>
public static class ProvenanceColumns
{
    public static IReadOnlyList<string> Names { get; } = ["basis", "reason", "documentId", "documentTitle", "excerpt"];

    /// <summary>The cells, with the document's title from <paramref name="nodes"/> (loaded with the batch).</summary>
    public static IEnumerable<object?> Cells(Provenance provenance, IReadOnlyDictionary<string, GraphNode> nodes) =>
    [
        Provenance.ToCode(provenance.Basis),
        provenance.Reason,
        provenance.DocumentId,
        provenance.DocumentId is { } id && nodes.TryGetValue(id, out var document) ? document.Name : null,
        provenance.Excerpt,
    ];

    /// <summary>The basis an aggregate row counted: STATED, INFERRED, DERIVED, or ALL (every basis).</summary>
    public static string Counted(Basis? basis) => basis is { } b ? Provenance.ToCode(b) : "ALL";
}

public static class ExportStore
{
    /// <summary>The nodes with these ids by id, in one store call (none when there are no ids).</summary>
    public static async Task<IReadOnlyDictionary<string, GraphNode>> NodesByIdAsync(
        this IGraphStore store, IEnumerable<string?> ids, CancellationToken cancellationToken)
    {
        var distinct = ids.OfType<string>().Distinct(StringComparer.Ordinal).ToList();
        return distinct.Count == 0
            ? new Dictionary<string, GraphNode>()
            : (await store.GetNodesAsync(distinct, cancellationToken)).ToDictionary(n => n.Id, StringComparer.Ordinal);
    }

    /// <summary>For each of the nodes, the ids at the other end of its relationships of one type, in one store call.</summary>
    public static async Task<ILookup<string, GraphRelationship>> RelatedAsync(
        this IGraphStore store, IReadOnlyCollection<string> ids, string type, Direction direction, CancellationToken cancellationToken)
    {
        var relationships = ids.Count == 0 ? [] : await store.GetRelationshipsAsync(ids, type, direction, cancellationToken);
        return relationships.ToLookup(r => direction == Direction.Outgoing ? r.FromId : r.ToId, StringComparer.Ordinal);
    }

    public static IReadOnlyList<string> OtherEnds(this IEnumerable<GraphRelationship> relationships, Direction direction) =>
        [.. relationships.Select(r => direction == Direction.Outgoing ? r.ToId : r.FromId).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)];
}
