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
        var total = Neo4jRows.Long(row["total"]);
        var anyAtOrBeforeAfter = Neo4jRows.Bool(row["anyAtOrBeforeAfter"]);
        var anyAtOrAfterBefore = Neo4jRows.Bool(row["anyAtOrAfterBefore"]);

        // The extra row says whether the range holds more nodes beyond the page, on the side the page was read from;
        // the other side is the far side of a cursor (Relay: hasPreviousPage when `after` is given, and so on).
        var more = cypher.PageSize is { } size && rows.Count > size;
        var page = more ? rows.GetRange(0, cypher.PageSize!.Value) : rows;
        if (cypher.Backward)
        {
            page.Reverse();
            return new NodePage(page, HasNextPage: anyAtOrAfterBefore, HasPreviousPage: more || anyAtOrBeforeAfter, total);
        }

        return new NodePage(page, HasNextPage: more || anyAtOrAfterBefore, HasPreviousPage: anyAtOrBeforeAfter, total);
    }
}
