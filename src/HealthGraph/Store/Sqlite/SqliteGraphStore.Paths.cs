using HealthGraph.Graph;

namespace HealthGraph.Store.Sqlite;

public sealed partial class SqliteGraphStore
{
    /// <summary>The most nodes a path search may visit before it gives up on finding a longer path.</summary>
    internal const int PathSearchNodeBudget = 200_000;

    /// <summary>
    /// Breadth-first search over relationships in both directions, one query per hop (so round trips are bounded by
    /// <paramref name="maxHops"/>), keeping every relationship that reaches a node at its shortest distance; then the
    /// first shortest paths in path order (<see cref="FirstShortestPaths"/>).
    /// </summary>
    public async Task<IReadOnlyList<GraphPath>> FindShortestPathsAsync(
        string fromId, string toId, int maxHops, CancellationToken cancellationToken = default)
    {
        GraphPath.CheckHops(maxHops);
        return await UseAsync<IReadOnlyList<GraphPath>>(
            async connection =>
            {
                var endpoints = await QueryNodesAsync(
                    connection, $"SELECT {SqliteRows.NodeColumns} FROM node WHERE id IN (@from, @to)", cancellationToken, ("@from", fromId), ("@to", toId));
                if (endpoints.Count < (fromId == toId ? 1 : 2))
                {
                    return [];
                }

                if (fromId == toId)
                {
                    return [new GraphPath([endpoints[0]], [])];
                }

                var depth = new Dictionary<string, int>(StringComparer.Ordinal) { [fromId] = 0 };
                var parents = new Dictionary<string, List<GraphRelationship>>(StringComparer.Ordinal);
                var frontier = new List<string> { fromId };
                for (var hop = 1; hop <= maxHops && frontier.Count > 0 && !depth.ContainsKey(toId); hop++)
                {
                    var relationships = await QueryRelationshipsAsync(
                        connection,
                        $"""
                        {RelationshipSelect} WHERE src IN (SELECT value FROM json_each(@ids))
                        UNION
                        {RelationshipSelect} WHERE dst IN (SELECT value FROM json_each(@ids))
                        """,
                        cancellationToken,
                        ("@ids", SqliteRows.ToJsonArray(frontier)));

                    var next = new List<string>();
                    foreach (var relationship in relationships)
                    {
                        foreach (var (here, there) in new[] { (relationship.FromId, relationship.ToId), (relationship.ToId, relationship.FromId) })
                        {
                            if (depth.GetValueOrDefault(here, -1) != hop - 1)
                            {
                                continue;
                            }

                            if (!depth.TryGetValue(there, out var d))
                            {
                                depth[there] = hop;
                                next.Add(there);
                                d = hop;
                            }

                            if (d == hop)
                            {
                                if (!parents.TryGetValue(there, out var list))
                                {
                                    parents[there] = list = [];
                                }

                                list.Add(relationship);
                            }
                        }
                    }

                    if (depth.Count > PathSearchNodeBudget)
                    {
                        break;
                    }

                    frontier = next;
                }

                if (!depth.ContainsKey(toId))
                {
                    return [];
                }

                var paths = FirstShortestPaths(fromId, toId, parents);
                var nodeIds = paths.SelectMany(p => p.SelectMany(r => new[] { r.FromId, r.ToId })).Distinct(StringComparer.Ordinal).ToList();
                var nodes = (await GetNodesAsync(nodeIds, cancellationToken)).ToDictionary(n => n.Id, StringComparer.Ordinal);

                return
                [
                    .. paths.Select(p =>
                    {
                        var ids = new List<string> { fromId };
                        foreach (var r in p)
                        {
                            ids.Add(r.FromId == ids[^1] ? r.ToId : r.FromId);
                        }

                        return new GraphPath([.. ids.Select(id => nodes[id])], p);
                    }),
                ];
            },
            cancellationToken);
    }

    /// <summary>
    /// The first <see cref="GraphPath.MaxShortestPaths"/> shortest paths in path order (see <see cref="IGraphStore.FindShortestPathsAsync"/>),
    /// from the relationships that reach each node at its shortest distance: only the nodes from which the end is reached
    /// through them lie on a shortest path, so a depth-first walk from the start over those, each node's next steps in
    /// order, meets the paths in order and stops after the first <see cref="GraphPath.MaxShortestPaths"/>, however many there are.
    /// </summary>
    private static List<List<GraphRelationship>> FirstShortestPaths(
        string fromId, string toId, Dictionary<string, List<GraphRelationship>> parents)
    {
        var next = new Dictionary<string, List<(string Node, GraphRelationship Via)>>(StringComparer.Ordinal);
        var onPath = new HashSet<string>(StringComparer.Ordinal) { toId };
        var queue = new Queue<string>([toId]);
        while (queue.TryDequeue(out var at))
        {
            if (at == fromId)
            {
                continue;
            }

            foreach (var via in parents[at])
            {
                var before = via.ToId == at ? via.FromId : via.ToId;
                if (!next.TryGetValue(before, out var steps))
                {
                    next[before] = steps = [];
                }

                steps.Add((at, via));
                if (onPath.Add(before))
                {
                    queue.Enqueue(before);
                }
            }
        }

        foreach (var steps in next.Values)
        {
            steps.Sort((x, y) => GraphPath.CompareSteps((x.Node, x.Via), (y.Node, y.Via)));
        }

        var paths = new List<List<GraphRelationship>>();
        Walk(fromId, []);
        return paths;

        void Walk(string at, List<GraphRelationship> prefix)
        {
            if (at == toId)
            {
                paths.Add(prefix);
                return;
            }

            foreach (var (node, via) in next[at])
            {
                if (paths.Count >= GraphPath.MaxShortestPaths)
                {
                    return;
                }

                Walk(node, [.. prefix, via]);
            }
        }
    }
}
