using HealthGraph.Graph;

namespace HealthGraph.Store;

/// <summary>Reading a whole list from a store, page by page, for the callers that need every node of it (exports, totals).</summary>
public static class GraphStorePaging
{
    /// <summary>
    /// A label's nodes, filtered and ordered as the GraphQL list would give them, page by page with keyset pagination
    /// (the last node of a page is the cursor of the next), without the total: SQLite would count the whole list again
    /// for every page, which grows with the square of the list. With <paramref name="after"/>, from the node after that key.
    /// </summary>
    public static async IAsyncEnumerable<IReadOnlyList<GraphNode>> PagesAsync(
        this IGraphStore store, string label, NodeFilter? filter, IReadOnlyList<NodeOrder> order, int pageSize,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken, NodeKey? after = null)
    {
        while (true)
        {
            var page = await store.ListNodesAsync(
                new NodeListQuery(label, filter, order, First: pageSize, After: after) { CountTotal = false }, cancellationToken);
            if (page.Nodes.Count > 0)
            {
                yield return page.Nodes;
            }

            if (!page.HasNextPage || page.Nodes.Count == 0)
            {
                yield break;
            }

            after = NodeKey.Of(page.Nodes[^1], order);
        }
    }
}
