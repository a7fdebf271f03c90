using FuzzySharp;
using HealthGraph.Graph;
using HealthGraph.Store;

namespace HealthGraph.Ingest.Workbook;

/// <summary>
/// What a workbook's names are matched against: the store's organizations, themes, places and SDG codes, each findable
/// by its id, name, short name, aliases and codes, compared without case, accents, spaces or punctuation
/// (<see cref="WorkbookLayout.Fold"/>). A name that matches nothing comes back with the closest names (FuzzySharp's
/// weighted ratio), never as a guess.
/// </summary>
public sealed class WorkbookReferences
{
    private readonly Dictionary<string, NameIndex> _indexes = new(StringComparer.Ordinal);

    public HashSet<string> SdgIds { get; } = new(StringComparer.Ordinal);

    /// <summary>Places by id, for their level and parent.</summary>
    public Dictionary<string, GraphNode> Places { get; } = new(StringComparer.Ordinal);

    /// <summary>Each place's parent (PART_OF), by id.</summary>
    public Dictionary<string, string> PlaceParents { get; } = new(StringComparer.Ordinal);

    public NameIndex this[string label] => _indexes[label];

    public static async Task<WorkbookReferences> ReadAsync(IGraphStore store, CancellationToken cancellationToken)
    {
        var references = new WorkbookReferences();
        foreach (var label in new[] { NodeLabels.Organization, NodeLabels.Theme, NodeLabels.Place })
        {
            var index = references._indexes[label] = new NameIndex();
            await foreach (var page in store.PagesAsync(label, null, [], 1_000, cancellationToken))
            {
                foreach (var node in page)
                {
                    index.Add(node);
                    if (label == NodeLabels.Place)
                    {
                        references.Places[node.Id] = node;
                    }
                }
            }
        }

        foreach (var r in await store.GetRelationshipsAsync(references.Places.Keys, RelationshipTypes.PartOf, Direction.Outgoing, cancellationToken))
        {
            references.PlaceParents[r.FromId] = r.ToId;
        }

        foreach (var label in new[] { NodeLabels.SdgGoal, NodeLabels.SdgTarget })
        {
            await foreach (var page in store.PagesAsync(label, null, [], 1_000, cancellationToken))
            {
                references.SdgIds.UnionWith(page.Select(n => n.Id));
            }
        }

        return references;
    }

    /// <summary>The place and the places it is part of, from itself up (as deep as places nest).</summary>
    public IEnumerable<string> Ancestors(string placeId)
    {
        var at = placeId;
        for (var step = 0; at is not null && step <= Vocabulary.PlaceDepth; step++, at = PlaceParents.GetValueOrDefault(at))
        {
            yield return at;
        }
    }

    /// <summary>True when <paramref name="placeId"/> is <paramref name="ancestorId"/> or lies within it.</summary>
    public bool Within(string placeId, string ancestorId) => Ancestors(placeId).Contains(ancestorId, StringComparer.Ordinal);
}

/// <summary>Nodes of one label by every name they go by (folded).</summary>
public sealed class NameIndex
{
    private readonly Dictionary<string, List<GraphNode>> _byName = new(StringComparer.Ordinal);
    private readonly List<(string Folded, string Shown)> _names = [];
    private readonly Dictionary<string, IReadOnlyList<string>> _closest = new(StringComparer.Ordinal);

    public void Add(GraphNode node)
    {
        var names = new[] { node.Id, node.Name, node.GetString("name"), node.GetString(NodeProperties.ShortName), node.GetString(NodeProperties.Code), node.GetString(NodeProperties.IsoCode) }
            .Concat(node.GetStrings(NodeProperties.Aliases))
            .Where(n => !string.IsNullOrWhiteSpace(n))
            .Select(n => n!)
            .Distinct(StringComparer.Ordinal);
        foreach (var name in names)
        {
            var folded = WorkbookLayout.Fold(name);
            if (folded.Length == 0)
            {
                continue;
            }

            if (!_byName.TryGetValue(folded, out var nodes))
            {
                _byName[folded] = nodes = [];
                _names.Add((folded, name));
            }

            if (!nodes.Any(n => n.Id == node.Id))
            {
                nodes.Add(node);
            }
        }
    }

    /// <summary>The nodes a name names (several when it is ambiguous; none when it names nothing).</summary>
    public IReadOnlyList<GraphNode> Find(string name) => _byName.GetValueOrDefault(WorkbookLayout.Fold(name)) ?? [];

    /// <summary>Up to three names closest to <paramref name="name"/>, for a problem's "did you mean".</summary>
    public IReadOnlyList<string> Closest(string name, Func<GraphNode, bool>? among = null)
    {
        // The same unknown name on many rows is matched once (a real file repeats its names thousands of times).
        var key = $"{among?.Method.Name}\u001f{name}";
        if (!_closest.TryGetValue(key, out var closest))
        {
            _closest[key] = closest = Match(name, among);
        }

        return closest;
    }

    private IReadOnlyList<string> Match(string name, Func<GraphNode, bool>? among)
    {
        var candidates = _names.Where(n => among is null || _byName[n.Folded].Any(among)).ToList();
        if (candidates.Count == 0)
        {
            return [];
        }

        return [.. Process.ExtractTop(name, candidates.Select(c => c.Shown), s => s.ToLowerInvariant(), limit: 3)
            .Where(r => r.Score >= 80)
            .Select(r => r.Value)];
    }
}
