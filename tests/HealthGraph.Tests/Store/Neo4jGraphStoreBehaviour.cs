using HealthGraph.Store;
using HealthGraph.Tests.Support;

namespace HealthGraph.Tests.Store;

/// <summary>The behavioural suite against the real Neo4j server of the test run.</summary>
[Collection(Neo4jTests.Name)]
[Trait(Neo4jTests.Category, Neo4jTests.Name)]
public sealed class Neo4jGraphStoreBehaviour(SeededNeo4jStore seeded) : GraphStoreBehaviour, IClassFixture<SeededNeo4jStore>
{
    protected override IGraphStore Store => seeded.Store;
}

/// <summary>The write suite against the real Neo4j server, each test on a wiped and freshly seeded database.</summary>
[Collection(Neo4jTests.Name)]
[Trait(Neo4jTests.Category, Neo4jTests.Name)]
public sealed class Neo4jGraphStoreWriteBehaviour(Neo4jServerFixture server) : GraphStoreWriteBehaviour, IDisposable
{
    private Neo4jTestStore? _store;

    protected override async Task<IGraphStore> CreateSeededStoreAsync(TimeProvider clock)
    {
        _store = await server.CreateSeededStoreAsync(clock);
        return _store.Store;
    }

    public void Dispose() => _store?.Dispose();
}
