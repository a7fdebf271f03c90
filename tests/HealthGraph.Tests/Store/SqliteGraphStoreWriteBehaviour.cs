using HealthGraph.Store;
using HealthGraph.Tests.Support;

namespace HealthGraph.Tests.Store;

/// <summary>The write suite against the embedded SQLite store, each test on its own freshly seeded file.</summary>
public sealed class SqliteGraphStoreWriteBehaviour : GraphStoreWriteBehaviour, IDisposable
{
    private TemporaryStore? _temporary;

    protected override async Task<IGraphStore> CreateSeededStoreAsync(TimeProvider clock)
    {
        _temporary = new TemporaryStore(clock);
        var seed = await _temporary.SeedAsync();
        Assert.True(seed.IsValid, string.Join(Environment.NewLine, seed.Problems));
        return _temporary.Store;
    }

    public void Dispose() => _temporary?.Dispose();
}
