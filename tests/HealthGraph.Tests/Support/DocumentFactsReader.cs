using HealthGraph.Graph;
using HealthGraph.Store;

namespace HealthGraph.Tests.Support;

/// <summary>Everything a document is the source of, read through the store's pages (for tests that look at all of it).</summary>
public static class DocumentFactsReader
{
    public static async Task<(List<GraphNode> Nodes, List<GraphRelationship> Relationships)> ReadAllAsync(IGraphStore store, string documentId)
    {
        var nodes = new List<GraphNode>();
        ItemsPage<GraphNode> nodePage;
        do
        {
            nodePage = await store.GetDocumentNodesAsync(documentId, 100, nodes.Count > 0 ? nodes[^1].Id : null);
            nodes.AddRange(nodePage.Items);
        }
        while (nodePage.HasNextPage);

        var relationships = new List<GraphRelationship>();
        ItemsPage<GraphRelationship> relationshipPage;
        do
        {
            var after = relationships.Count > 0 ? new RelationshipKey(relationships[^1].Type, relationships[^1].FromId, relationships[^1].ToId) : null;
            relationshipPage = await store.GetDocumentRelationshipsAsync(documentId, 100, after);
            relationships.AddRange(relationshipPage.Items);
        }
        while (relationshipPage.HasNextPage);

        return (nodes, relationships);
    }
}
