namespace HealthGraph.Store.Neo4j;

/// <summary>The graph's version (IGraphVersion), kept on the aggregates' lock node (migration 0013).</summary>
public sealed partial class Neo4jGraphStore : IGraphVersion
{
    public async Task<string?> GetGraphVersionAsync(CancellationToken cancellationToken = default) =>
        (await ReadAsync("graph_version", cancellationToken)).Rows
            .Select(r => Neo4jRows.Bool(r["stale"]) ? null : Neo4jRows.Text(r["version"]))
            .SingleOrDefault();
}
