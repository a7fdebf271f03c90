using HealthGraph.Store.Neo4j.Client;
namespace HealthGraph.Store.Neo4j;

public sealed partial class Neo4jGraphStore
{
    public async Task<NodePage> ListNodesAsync(NodeListQuery query, CancellationToken cancellationToken = default)
    {
        var cypher = Neo4jNodeQuery.Translate(query);
        if (cypher.KnownLabel is null)
        {
            return new NodePage([], HasNextPage: false, HasPreviousPage: false, TotalCount: 0);
        }

        await InitializeAsync(cancellationToken);
        var result = await Client().RunAsync(QueryRequest.Read(cypher.Cypher, cypher.Parameters), cancellationToken);
        var row = result.Rows.Single();
        var rows = Neo4jRows.List(row["page"]).Select(Neo4jRows.ToNode).ToList();
        return NodePage.FromRows(
            rows,
            cypher.PageSize,
            cypher.Backward,
            Neo4jRows.Long(row["total"]),
            anyAtOrBeforeAfter: Neo4jRows.Bool(row["anyAtOrBeforeAfter"]),
            anyAtOrAfterBefore: Neo4jRows.Bool(row["anyAtOrAfterBefore"]));
    }
}
