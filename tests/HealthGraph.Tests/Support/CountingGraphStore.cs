using HealthGraph.Graph;
using HealthGraph.Store;

namespace HealthGraph.Tests.Support;

/// <summary>
/// A real store, with a count of the calls made to it (for proving that queries are batched) and of those made inside
/// a request scope of the SQLite store (for proving that a request's calls share its connection).
/// </summary>
public sealed class CountingGraphStore(IGraphStore inner) : IGraphStore
{
    private int _calls;
    private int _callsInRequest;

    public int Calls => _calls;

    /// <summary>The calls made while the SQLite store had a request scope open for the calling flow.</summary>
    public int CallsInRequest => _callsInRequest;

    public void Reset()
    {
        Interlocked.Exchange(ref _calls, 0);
        Interlocked.Exchange(ref _callsInRequest, 0);
        Interlocked.Exchange(ref _listCalls, 0);
    }

    private T Count<T>(T result)
    {
        Counted();
        return result;
    }

    /// <summary>One call more, and one more in the request's store scope when it is made in one: every call counts here.</summary>
    private void Counted()
    {
        Interlocked.Increment(ref _calls);
        if (inner is HealthGraph.Store.Sqlite.SqliteGraphStore { InRequest: true })
        {
            Interlocked.Increment(ref _callsInRequest);
        }
    }

    public string Description => inner.Description;

    public Task InitializeAsync(CancellationToken cancellationToken = default) => inner.InitializeAsync(cancellationToken);

    public IDisposable BeginRequest() => inner.BeginRequest();

    public Task<LoadReport> LoadAsync(SeedGraph graph, IProgress<LoadProgress>? progress = null, CancellationToken cancellationToken = default) =>
        Count(inner.LoadAsync(graph, progress, cancellationToken));

    public Task<GraphStatistics> GetStatisticsAsync(CancellationToken cancellationToken = default) => Count(inner.GetStatisticsAsync(cancellationToken));

    public Task<IReadOnlyList<GraphNode>> GetNodesAsync(IReadOnlyCollection<string> ids, CancellationToken cancellationToken = default) =>
        Count(inner.GetNodesAsync(ids, cancellationToken));

    public Task<IReadOnlyList<GraphRelationship>> GetRelationshipsAsync(
        IReadOnlyCollection<string> nodeIds, string type, Direction direction, CancellationToken cancellationToken = default) =>
        Count(inner.GetRelationshipsAsync(nodeIds, type, direction, cancellationToken));

    public Task<IReadOnlyDictionary<string, ItemsPage<GraphRelationship>>> GetRelatedPagesAsync(
        IReadOnlyCollection<string> nodeIds, string type, Direction direction, string? otherLabel, int first, string? afterId, CancellationToken cancellationToken = default) =>
        Count(inner.GetRelatedPagesAsync(nodeIds, type, direction, otherLabel, first, afterId, cancellationToken));

    private int _listCalls;

    /// <summary>The calls to <see cref="ListNodesAsync"/> alone (for proving that a long list is read page by page).</summary>
    public int ListCalls => _listCalls;

    public Task<NodePage> ListNodesAsync(NodeListQuery query, CancellationToken cancellationToken = default)
    {
        Interlocked.Increment(ref _listCalls);
        return Count(inner.ListNodesAsync(query, cancellationToken));
    }

    public Task<IReadOnlyList<SdgWork>> GetSdgWorkAsync(
        IReadOnlyCollection<string> sdgIds, Basis? basis = null, int? first = null, CancellationToken cancellationToken = default) =>
        Count(inner.GetSdgWorkAsync(sdgIds, basis, first, cancellationToken));

    public Task<ChangeResult> ApplyAsync(GraphChange change, CancellationToken cancellationToken = default) => Count(inner.ApplyAsync(change, cancellationToken));

    public Task<IReadOnlyList<ChangeLogEntry>> GetChangesAsync(int first, long? before = null, string? subject = null, CancellationToken cancellationToken = default) =>
        Count(inner.GetChangesAsync(first, before, subject, cancellationToken));

    public Task<ItemsPage<GraphNode>> GetDocumentNodesAsync(string documentId, int first, string? afterId, CancellationToken cancellationToken = default) =>
        Count(inner.GetDocumentNodesAsync(documentId, first, afterId, cancellationToken));

    public Task<ItemsPage<GraphRelationship>> GetDocumentRelationshipsAsync(string documentId, int first, RelationshipKey? after, CancellationToken cancellationToken = default) =>
        Count(inner.GetDocumentRelationshipsAsync(documentId, first, after, cancellationToken));

    /// <summary>When set, a search first waits on it, with the request's token: for proving that timeouts cancel store work.</summary>
    public Func<CancellationToken, Task>? BeforeSearch { get; set; }

    public async Task<IReadOnlyList<SearchHit>> SearchAsync(SearchQuery query, CancellationToken cancellationToken = default)
    {
        Counted();
        if (BeforeSearch is { } hold)
        {
            await hold(cancellationToken);
        }

        return await inner.SearchAsync(query, cancellationToken);
    }

    public Task<IReadOnlyList<PartnerOverlap>> GetPartnerOverlapsAsync(
        IReadOnlyCollection<string>? agencyIds, Basis? basis = null, OverlapDimension? dimension = null, CancellationToken cancellationToken = default) =>
        Count(inner.GetPartnerOverlapsAsync(agencyIds, basis, dimension, cancellationToken));

    public Task<IReadOnlyList<ItemHolders>> GetItemHoldersAsync(
        OverlapDimension dimension, IReadOnlyList<string> itemIds, Basis? basis, int first, CancellationToken cancellationToken = default) =>
        Count(inner.GetItemHoldersAsync(dimension, itemIds, basis, first, cancellationToken));

    public Task<IReadOnlyList<string>> GetSharingAgenciesAsync(Basis? basis = null, OverlapDimension? dimension = null, CancellationToken cancellationToken = default) =>
        Count(inner.GetSharingAgenciesAsync(basis, dimension, cancellationToken));

    public Task<IReadOnlyList<string>> GetOverlapMatrixAgenciesAsync(
        OverlapDimension dimension, Basis? basis, int first, CancellationToken cancellationToken = default) =>
        Count(inner.GetOverlapMatrixAgenciesAsync(dimension, basis, first, cancellationToken));

    /// <summary>When set, a goal's coverage first waits on it, with the goal: for proving that an export streams what it has.</summary>
    public Func<string, Task>? BeforeGoalCoverage { get; set; }

    public async Task<GoalCoverage?> GetGoalCoverageAsync(
        string goalCode, Basis? basis = null, int? first = null, WorkLimit? limit = null, CancellationToken cancellationToken = default)
    {
        Counted();
        if (BeforeGoalCoverage is { } hold)
        {
            await hold(goalCode);
        }

        return await inner.GetGoalCoverageAsync(goalCode, basis, first, limit, cancellationToken);
    }

    public Task<IReadOnlyList<AgencyItemLinks>> GetLimitedAgencyItemsAsync(
        WorkLimit limit, Basis? basis = null, IReadOnlyCollection<string>? agencyIds = null, CancellationToken cancellationToken = default)
    {
        Counted();
        return inner.GetLimitedAgencyItemsAsync(limit, basis, agencyIds, cancellationToken);
    }

    public Task<IReadOnlyList<string>> GetAlignedAgenciesAsync(AlignmentLevel level, Basis? basis = null, CancellationToken cancellationToken = default) =>
        Count(inner.GetAlignedAgenciesAsync(level, basis, cancellationToken));

    public Task<IReadOnlyList<AlignmentCell>> GetAlignmentMatrixAsync(
        AlignmentLevel level, Basis? basis = null, IReadOnlyCollection<string>? agencyIds = null, CancellationToken cancellationToken = default) =>
        Count(inner.GetAlignmentMatrixAsync(level, basis, agencyIds, cancellationToken));

    public Task<IReadOnlyList<PartnerOverlap>> GetPartnerOverlapsOfAsync(
        IReadOnlyCollection<string> agencyIds, Basis? basis = null, OverlapDimension? dimension = null, CancellationToken cancellationToken = default) =>
        Count(inner.GetPartnerOverlapsOfAsync(agencyIds, basis, dimension, cancellationToken));

    public Task<IReadOnlyList<PartnerOverlap>> GetPartnerOverlapsFromAsync(
        string agencyA, string? afterB, int first, Basis? basis = null, OverlapDimension? dimension = null, CancellationToken cancellationToken = default) =>
        Count(inner.GetPartnerOverlapsFromAsync(agencyA, afterB, first, basis, dimension, cancellationToken));

    public Task<IReadOnlyDictionary<SharedItemsKey, IReadOnlyList<string>>> GetSharedItemsAsync(
        IReadOnlyCollection<SharedItemsKey> keys, int first, CancellationToken cancellationToken = default) =>
        Count(inner.GetSharedItemsAsync(keys, first, cancellationToken));

    public Task<IReadOnlyList<PotentialPartner>> GetPotentialPartnersAsync(string agencyId, Basis? basis = null, CancellationToken cancellationToken = default) =>
        Count(inner.GetPotentialPartnersAsync(agencyId, basis, cancellationToken));

    public Task<IReadOnlyList<GraphPath>> FindShortestPathsAsync(string fromId, string toId, int maxHops, CancellationToken cancellationToken = default) =>
        Count(inner.FindShortestPathsAsync(fromId, toId, maxHops, cancellationToken));

    public Task<Neighbourhood?> GetNeighbourhoodAsync(string id, int first, CancellationToken cancellationToken = default) =>
        Count(inner.GetNeighbourhoodAsync(id, first, cancellationToken));

    public Task<IReadOnlyList<PortfolioItem>> GetPortfolioAsync(string agencyId, AlignmentRule? alignment = null, CancellationToken cancellationToken = default) =>
        Count(inner.GetPortfolioAsync(agencyId, alignment, cancellationToken));

    public Task<IReadOnlyList<PortfolioGroup>> GetPortfolioGroupsAsync(
        string agencyId, AlignmentRule? alignment, int first, string? afterId, CancellationToken cancellationToken = default) =>
        Count(inner.GetPortfolioGroupsAsync(agencyId, alignment, first, afterId, cancellationToken));
}
