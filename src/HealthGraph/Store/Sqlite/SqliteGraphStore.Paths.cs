using HealthGraph.Graph;

namespace HealthGraph.Store.Sqlite;

public sealed partial class SqliteGraphStore
{
    /// <summary>The most nodes a path search may visit before it gives up on finding a longer path.</summary>
    internal const int PathSearchNodeBudget = 200_000;

    /// <summary>The most shortest paths returned: beyond this many, more paths add no insight.</summary>
    internal const int MaxPaths = 50;

    /// <summary>
    /// Breadth-first search over relationships in both directions, one query per hop (so round trips are bounded by
    /// <paramref name="maxHops"/>), keeping every parent at the shortest distance so that all shortest paths come back.
    /// </summary>
    public async Task<IReadOnlyList<GraphPath>> FindShortestPathsAsync(
        string fromId, string toId, int maxHops, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxHops);
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

                var paths = new List<List<GraphRelationship>>();
                Unwind(toId, []);
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
                    })
                    .OrderBy(p => string.Join('/', p.Nodes.Select(n => n.Id)), StringComparer.Ordinal),
                ];

                void Unwind(string at, List<GraphRelationship> suffix)
                {
                    if (at == fromId)
                    {
                        paths.Add([.. suffix]);
                        return;
                    }

                    foreach (var relationship in parents[at])
                    {
                        if (paths.Count >= MaxPaths)
                        {
                            return;
                        }

                        Unwind(relationship.ToId == at ? relationship.FromId : relationship.ToId, [relationship, .. suffix]);
                    }
                }
            },
            cancellationToken);
    }
}
