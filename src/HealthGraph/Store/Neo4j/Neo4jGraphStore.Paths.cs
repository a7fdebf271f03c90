using HealthGraph.Store.Neo4j.Client;
namespace HealthGraph.Store.Neo4j;

public sealed partial class Neo4jGraphStore
{
    /// <summary>The bound as shortest_paths.cypher writes it (a variable-length pattern's bound must be a literal); a call puts its own maxHops in its place.</summary>
    private const string PathBound = "[*..10]";

    /// <summary>shortest_paths.cypher searching at most <paramref name="maxHops"/> relationships (1 to <see cref="GraphPath.MaxHops"/>).</summary>
    internal static string ShortestPathsStatement(int maxHops)
    {
        GraphPath.CheckHops(maxHops);
        var statement = CypherResources.Get("shortest_paths");
        var at = statement.IndexOf(PathBound, StringComparison.Ordinal);
        if (at < 0 || statement.IndexOf(PathBound, at + 1, StringComparison.Ordinal) >= 0)
        {
            throw new InvalidOperationException($"shortest_paths.cypher must hold the bound {PathBound} exactly once.");
        }

        return string.Concat(statement.AsSpan(0, at), $"[*..{maxHops.ToString(System.Globalization.CultureInfo.InvariantCulture)}]", statement.AsSpan(at + PathBound.Length));
    }

    /// <summary>The first shortest paths in path order by <c>allShortestPaths</c>, over relationships in either direction, in one statement.</summary>
    public async Task<IReadOnlyList<GraphPath>> FindShortestPathsAsync(
        string fromId, string toId, int maxHops, CancellationToken cancellationToken = default)
    {
        var statement = ShortestPathsStatement(maxHops);
        if (fromId == toId)
        {
            // allShortestPaths needs two different nodes; a node is its own shortest path, of length 0.
            var nodes = await GetNodesAsync([fromId], cancellationToken);
            return nodes.Count == 0 ? [] : [new GraphPath([nodes[0]], [])];
        }

        await InitializeAsync(cancellationToken);
        var result = await Client().RunAsync(
            QueryRequest.Read(statement, Parameters([("from", fromId), ("to", toId), ("limit", (long)GraphPath.MaxShortestPaths)])), cancellationToken);
        return
        [
            .. result.Rows.Select(r => r["p"] switch
            {
                Neo4jPath path => ToPath(path),
                var other => throw new InvalidOperationException($"Expected a path from Neo4j, got {other?.GetType().Name ?? "null"}."),
            }),
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
