using System.Runtime.InteropServices;
using HealthGraph.Graph;
using Edge = HealthGraph.Store.Sqlite.Aggregates.AggregateRows.Edge;

namespace HealthGraph.Store.Sqlite.Aggregates;

/// <summary>
/// What <see cref="AggregateRows"/> are computed from, taken from a graph's nodes and relationships as they load, part
/// by part, so the graph itself need not be kept: each node's label and whether it is a region, and the relationships
/// of the types the aggregates read as pairs of node numbers (12 bytes each). Nodes are numbered as they come, and put
/// in id order by <see cref="InIdOrder"/>. Not thread-safe: one writer at a time.
/// </summary>
internal sealed class AggregateInput
{
    private readonly Dictionary<string, int> _numbers = new(StringComparer.Ordinal);
    private readonly List<string> _ids = [];
    private readonly List<string?> _labels = [];
    private readonly List<bool> _regions = [];
    private readonly Dictionary<string, List<Edge>> _edges = Types.ToDictionary(t => t, _ => new List<Edge>(), StringComparer.Ordinal);

    /// <summary>The relationship types the aggregates read.</summary>
    public static string[] Types { get; } =
    [
        RelationshipTypes.Delivers, RelationshipTypes.Serves, RelationshipTypes.Supports, RelationshipTypes.InFramework,
        RelationshipTypes.ManagedBy, RelationshipTypes.HasTarget, RelationshipTypes.AlignsWith, RelationshipTypes.HasTheme,
        RelationshipTypes.LocatedIn, RelationshipTypes.PartOf,
    ];

    /// <summary>A node; a later node of the same id replaces it, as the loader's upsert does.</summary>
    public void Add(GraphNode node)
    {
        var number = Number(node.Id);
        _labels[number] = node.Label;
        _regions[number] = node.Label == NodeLabels.Place && node.GetString(NodeProperties.Level) == Vocabulary.RegionLevel;
    }

    /// <summary>Whether a node of this id was added.</summary>
    public bool IsNode(string id) => _numbers.TryGetValue(id, out var number) && _labels[number] is not null;

    /// <summary>A relationship, kept when the aggregates read its type; its ends should be nodes added before it.</summary>
    public void Add(GraphRelationship relationship)
    {
        if (_edges.TryGetValue(relationship.Type, out var edges))
        {
            edges.Add(new Edge(Number(relationship.FromId), Number(relationship.ToId), relationship.Provenance.Basis));
        }
    }

    /// <summary>
    /// The node ids in ordinal order, each one's label and region flag, and the relationships by type with their ends
    /// numbered in that order (renumbered in place, and the rest let go: read once).
    /// </summary>
    public (string[] Ids, string[] Labels, bool[] Regions, IReadOnlyDictionary<string, List<Edge>> Edges) InIdOrder()
    {
        var ids = _ids.ToArray();
        var arrival = new int[ids.Length];
        for (var i = 0; i < arrival.Length; i++)
        {
            arrival[i] = i;
        }

        Array.Sort(ids, arrival, StringComparer.Ordinal);
        var rank = new int[ids.Length];
        var labels = new string[ids.Length];
        var regions = new bool[ids.Length];
        for (var i = 0; i < ids.Length; i++)
        {
            rank[arrival[i]] = i;
            labels[i] = _labels[arrival[i]] ?? throw new InvalidOperationException($"'{ids[i]}' is the end of a relationship but not a node.");
            regions[i] = _regions[arrival[i]];
        }

        _numbers.Clear();
        _numbers.TrimExcess();
        _ids.Clear();
        _ids.TrimExcess();
        _labels.Clear();
        _labels.TrimExcess();
        _regions.Clear();
        _regions.TrimExcess();
        foreach (var edges in _edges.Values)
        {
            foreach (ref var edge in CollectionsMarshal.AsSpan(edges))
            {
                edge = new Edge(rank[edge.From], rank[edge.To], edge.Basis);
            }
        }

        return (ids, labels, regions, _edges);
    }

    private int Number(string id)
    {
        ref var number = ref CollectionsMarshal.GetValueRefOrAddDefault(_numbers, id, out var exists);
        if (!exists)
        {
            number = _ids.Count;
            _ids.Add(id);
            _labels.Add(null);
            _regions.Add(false);
        }

        return number;
    }
}
