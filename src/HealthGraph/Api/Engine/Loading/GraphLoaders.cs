using System.Collections.Concurrent;
using GraphQL.DataLoader;
using HealthGraph.Graph;
using HealthGraph.Store;

namespace HealthGraph.Api.Engine.Loading;

/// <summary>
/// The batch loaders of one GraphQL request: nodes by id, relationships by (type, direction) and the work behind SDG
/// nodes by basis and bound. Every nested field goes through them, so a query costs one store round trip per level and
/// kind of data, however many results each level has.
/// </summary>
public sealed class GraphLoaders(IGraphStore store)
{
    private readonly ConcurrentDictionary<(string Type, Direction Direction), BatchLoader<string, IReadOnlyList<GraphRelationship>>> _relationships = new();
    private readonly ConcurrentDictionary<(Basis? Basis, int First), BatchLoader<string, SdgWork>> _sdgWork = new();
    private readonly ConcurrentDictionary<(string Type, Direction Direction, string? Label, int First, string? After), BatchLoader<string, ItemsPage<GraphRelationship>>> _relatedPages = new();

    private readonly ConcurrentDictionary<int, BatchLoader<SharedItemsKey, IReadOnlyList<string>>> _sharedItems = new();

    private readonly ConcurrentDictionary<(AlignmentRule Rule, int First, string? After), BatchLoader<string, IReadOnlyList<PortfolioGroup>>> _portfolioGroups = new();

    private readonly BatchLoader<string, GraphNode?> _nodes = new(async (ids, cancellationToken) =>
        (await store.GetNodesAsync(ids, cancellationToken)).ToDictionary(n => n.Id, n => (GraphNode?)n, StringComparer.Ordinal));

    /// <summary>A node by id, or null when there is none.</summary>
    public IDataLoaderResult<GraphNode?> Node(string id) => _nodes.Load(id, null);

    /// <summary>Nodes by id, in the order given, leaving out ids that do not exist.</summary>
    public IDataLoaderResult<IReadOnlyList<GraphNode?>> Nodes(IEnumerable<string> ids) => _nodes.LoadMany(ids);

    /// <summary>The relationships of a type that leave (or enter) a node.</summary>
    public IDataLoaderResult<IReadOnlyList<GraphRelationship>> Relationships(string nodeId, string type, Direction direction) =>
        RelationshipLoader(type, direction).Load(nodeId, []);

    /// <summary>The relationships of a type that leave (or enter) each of some nodes, in one batch with every other such read.</summary>
    public IDataLoaderResult<IReadOnlyList<IReadOnlyList<GraphRelationship>>> Relationships(IEnumerable<string> nodeIds, string type, Direction direction) =>
        RelationshipLoader(type, direction).LoadMany(nodeIds);

    private BatchLoader<string, IReadOnlyList<GraphRelationship>> RelationshipLoader(string type, Direction direction) =>
        _relationships.GetOrAdd((type, direction), key => new BatchLoader<string, IReadOnlyList<GraphRelationship>>(async (ids, cancellationToken) =>
        {
            var found = await store.GetRelationshipsAsync(ids, key.Type, key.Direction, cancellationToken);
            return found
                .GroupBy(r => key.Direction == Direction.Outgoing ? r.FromId : r.ToId, StringComparer.Ordinal)
                .ToDictionary(g => g.Key, g => (IReadOnlyList<GraphRelationship>)[.. g], StringComparer.Ordinal);
        }));

    /// <summary>
    /// A page of a node's relationships of a type (optionally only those whose other end has a label), by the other end's
    /// id: one batch per type, direction, label and page, so every node at one level of a query shares a round trip.
    /// </summary>
    public IDataLoaderResult<ItemsPage<GraphRelationship>> RelatedPage(string nodeId, string type, Direction direction, string? label, int first, string? after) =>
        _relatedPages.GetOrAdd((type, direction, label, first, after), key => new BatchLoader<string, ItemsPage<GraphRelationship>>(async (ids, cancellationToken) =>
            await store.GetRelatedPagesAsync(ids, key.Type, key.Direction, key.Label, key.First, key.After, cancellationToken)))
        .Load(nodeId, ItemsPage.Empty<GraphRelationship>());

    /// <summary>
    /// The nodes at the other end of a node's relationships of a type, optionally only those of one label, with the
    /// relationship that reaches each: two batched round trips (relationships, then nodes).
    /// </summary>
    public IDataLoaderResult Neighbours(string nodeId, string type, Direction direction, string? label = null) =>
        Relationships(nodeId, type, direction).Then(relationships =>
        {
            var ends = relationships.ToDictionary(r => direction == Direction.Outgoing ? r.ToId : r.FromId, StringComparer.Ordinal);
            return Nodes(ends.Keys).Then(nodes => (IReadOnlyList<Neighbour>)
            [
                .. nodes.OfType<GraphNode>()
                    .Where(n => label is null || n.Label == label)
                    .Select(n => new Neighbour(n, ends[n.Id])),
            ]);
        });

    /// <summary>
    /// The first <paramref name="first"/> items (by id) a pair shares in a dimension: one batch per bound, so the shared
    /// items of every pair and dimension on a page are read in one round trip.
    /// </summary>
    public IDataLoaderResult<IReadOnlyList<string>> SharedItems(SharedItemsKey key, int first) =>
        _sharedItems.GetOrAdd(first, bound => new BatchLoader<SharedItemsKey, IReadOnlyList<string>>(async (keys, cancellationToken) =>
            await store.GetSharedItemsAsync(keys, bound, cancellationToken)))
        .Load(key, []);

    /// <summary>
    /// An agency's portfolio grouped by the store, each group with its count and the first <paramref name="first"/> ids
    /// after <paramref name="afterId"/>: one round trip per agency, rule and page, however many fields read it.
    /// </summary>
    public IDataLoaderResult<IReadOnlyList<PortfolioGroup>> PortfolioGroups(string agencyId, AlignmentRule rule, int first, string? afterId) =>
        _portfolioGroups.GetOrAdd((rule, first, afterId), key => new BatchLoader<string, IReadOnlyList<PortfolioGroup>>(async (agencies, cancellationToken) =>
        {
            var groups = new Dictionary<string, IReadOnlyList<PortfolioGroup>>(StringComparer.Ordinal);
            foreach (var agency in agencies)
            {
                groups[agency] = await store.GetPortfolioGroupsAsync(agency, key.Rule, key.First, key.After, cancellationToken);
            }

            return groups;
        }))
        .Load(agencyId, []);

    /// <summary>
    /// The work behind an SDG goal or target (for a goal, also the work behind its targets): exact counts and
    /// agencies, and at most <paramref name="first"/> contributions, deliverables and outcomes. One batch per basis and
    /// bound, so a query that lists the first 10 contributions and asks only counts elsewhere makes two round trips.
    /// </summary>
    public IDataLoaderResult<SdgWork> WorkBehind(string sdgId, Basis? basis, int first) =>
        _sdgWork.GetOrAdd((basis, first), key => new BatchLoader<string, SdgWork>(async (ids, cancellationToken) =>
            (await store.GetSdgWorkAsync(ids, key.Basis, key.First, cancellationToken)).ToDictionary(w => w.SdgId, StringComparer.Ordinal)))
        .Load(sdgId, SdgWork.None(sdgId));
}

/// <summary>A node reached over a relationship, with that relationship (for its provenance).</summary>
public sealed record Neighbour(GraphNode Node, GraphRelationship Relationship);
