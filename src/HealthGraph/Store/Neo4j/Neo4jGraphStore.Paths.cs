namespace HealthGraph.Store.Neo4j;

public sealed partial class Neo4jGraphStore
{
    /// <summary>The most shortest paths returned: beyond this many, more paths add no insight (as the SQLite store).</summary>
    internal const int MaxPaths = 50;

    /// <summary>The longest path shortest_paths.cypher looks for: a variable-length pattern's bound must be a literal.</summary>
    internal const int MaxPathHops = 10;

    /// <summary>All shortest paths by <c>allShortestPaths</c>, over relationships in either direction, in one statement.</summary>
    public async Task<IReadOnlyList<GraphPath>> FindShortestPathsAsync(
        string fromId, string toId, int maxHops, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxHops);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(maxHops, MaxPathHops);
        if (fromId == toId)
        {
            // allShortestPaths needs two different nodes; a node is its own shortest path, of length 0.
            var nodes = await GetNodesAsync([fromId], cancellationToken);
            return nodes.Count == 0 ? [] : [new GraphPath([nodes[0]], [])];
        }

        var result = await ReadAsync(
            "shortest_paths", cancellationToken, ("from", fromId), ("to", toId), ("limit", (long)MaxPaths));
        return
        [
            .. result.Rows
                .Select(r => r["p"] switch
                {
                    Neo4jPath path => ToPath(path),
                    var other => throw new InvalidOperationException($"Expected a path from Neo4j, got {other?.GetType().Name ?? "null"}."),
                })
                // The paths all have the shortest length; none is returned when that is more than was asked for.
                .Where(p => p.Length <= maxHops)
                .OrderBy(p => string.Join('/', p.Nodes.Select(n => n.Id)), StringComparer.Ordinal),
        ];
    }

    /// <summary>The node, its degree and its first relationships in one statement (neighbourhood.cypher).</summary>
    public async Task<Neighbourhood?> GetNeighbourhoodAsync(string id, int first, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(first);
        var result = await ReadAsync("neighbourhood", cancellationToken, ("id", id), ("first", (long)first));
        return result.Rows.SingleOrDefault() is { } row
            ? new Neighbourhood(
                Neo4jRows.ToNode(row["n"]),
                checked((int)Neo4jRows.Long(row["relationshipCount"])),
                [.. Neo4jRows.List(row["relationships"]).Select(Neo4jRows.ToRelationship)])
            : null;
    }

    private static GraphPath ToPath(Neo4jPath path)
    {
        var byElementId = path.Nodes.ToDictionary(n => n.ElementId, Neo4jRows.ToNode, StringComparer.Ordinal);
        return new GraphPath(
            [.. path.Nodes.Select(n => byElementId[n.ElementId])],
            [
                .. path.Relationships.Select(r => Neo4jRows.ToRelationship(
                    r.Type, byElementId[r.StartNodeElementId].Id, byElementId[r.EndNodeElementId].Id, r.Properties)),
            ]);
    }
}
