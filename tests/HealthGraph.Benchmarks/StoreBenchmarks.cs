using BenchmarkDotNet.Attributes;
using HealthGraph.Graph;
using HealthGraph.Store;

namespace HealthGraph.Benchmarks;

/// <summary>The store calls behind the five operations, in process, on the same store the HTTP run uses.</summary>
public class StoreBenchmarks
{
    private static readonly NodeListQuery s_whoDeliverables = new(
        NodeLabels.Deliverable,
        new FieldCondition(NodeField.Related(RelationshipTypes.Delivers, Direction.Incoming), FilterOperator.Equals, ["who"]),
        [new NodeOrder(NodeField.Name)],
        First: 20);

    private BenchmarkHost _host = null!;
    private IGraphStore _store = null!;
    private long _writes;

    [GlobalSetup]
    public async Task SetUpAsync()
    {
        _host = await BenchmarkHost.StartAsync(BenchmarkSettings.StorePath);
        _store = _host.Counter;
    }

    [GlobalCleanup]
    public async Task CleanUpAsync() => await _host.DisposeAsync();

    [Benchmark(Description = "node lookup: GetNodes(who)")]
    public Task<IReadOnlyList<GraphNode>> NodeLookup() => _store.GetNodesAsync(["who"]);

    [Benchmark(Description = "filtered list: ListNodes(Deliverable, agency who, 20)")]
    public Task<NodePage> FilteredList() => _store.ListNodesAsync(s_whoDeliverables);

    /// <summary>The dashboard's store calls, as the API makes them for Dashboard's two documents.</summary>
    [Benchmark(Description = "dashboard: matrix agencies + their overlaps + GoalCoverage(8, 10)")]
    public async Task<object> Dashboard() => (await MatrixOverlapsAsync(await MatrixAgenciesAsync()), await CoverageAsync());

    [Benchmark(Description = "dashboard part: OverlapMatrixAgencies(TARGET, 25)")]
    public Task<IReadOnlyList<string>> MatrixAgenciesAsync() => _store.GetOverlapMatrixAgenciesAsync(OverlapDimension.Target, null, 25);

    [Benchmark(Description = "dashboard part: GoalCoverage(8, 10)")]
    public Task<GoalCoverage?> CoverageAsync() => _store.GetGoalCoverageAsync("8", first: 10);

    private Task<IReadOnlyList<PartnerOverlap>> MatrixOverlapsAsync(IReadOnlyList<string> agencies) =>
        _store.GetPartnerOverlapsAsync(agencies, dimension: OverlapDimension.Target);

    [Benchmark(Description = "search: Search(health workforce)")]
    public Task<IReadOnlyList<SearchHit>> Search() => _store.SearchAsync(new SearchQuery("health workforce"));

    [Benchmark(Description = "mutation: Apply(upsert deliverable)")]
    public Task<ChangeResult> Mutation()
    {
        var title = $"Benchmark deliverable {Interlocked.Increment(ref _writes) % 2}"; // alternates, so every call writes
        var provenance = Provenance.Inferred("Written by the benchmark.");
        var node = GraphNode.Create(Operations.MutatedDeliverableId, NodeLabels.Deliverable, title, provenance, ("kind", "ACTIVITY"), ("title", title));
        var delivers = new GraphRelationship(RelationshipTypes.Delivers, "who", Operations.MutatedDeliverableId, GraphRelationship.NoProperties, provenance);
        return _store.ApplyAsync(new GraphChange(BenchmarkHost.EditorName, "upsertDeliverable", node.Id, [node], [delivers], []));
    }
}
