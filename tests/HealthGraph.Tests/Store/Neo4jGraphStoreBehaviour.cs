using HealthGraph.Store;
using HealthGraph.Tests.Support;

namespace HealthGraph.Tests.Store;

/// <summary>The behavioural suite against Neo4j: runs where HEALTHGRAPH_NEO4J_URI is set, reported as skipped elsewhere.</summary>
public sealed class Neo4jGraphStoreBehaviour(SeededNeo4jStore seeded) : GraphStoreBehaviour, IClassFixture<SeededNeo4jStore>
{
    protected override IGraphStore Store
    {
        get
        {
            Skip.If(seeded.Store is null, Neo4jTestStore.SkipReason);
            return seeded.Store!;
        }
    }
}

/// <summary>The write suite against Neo4j, each test on a wiped and freshly seeded database.</summary>
public sealed class Neo4jGraphStoreWriteBehaviour : GraphStoreWriteBehaviour, IDisposable
{
    private Neo4jTestStore? _store;

    protected override async Task<IGraphStore?> CreateSeededStoreAsync(TimeProvider clock)
    {
        _store = await Neo4jTestStore.CreateSeededAsync(clock);
        return _store?.Store;
    }

    protected override string SkipReason => Neo4jTestStore.SkipReason;

    public void Dispose() => _store?.Dispose();
}
