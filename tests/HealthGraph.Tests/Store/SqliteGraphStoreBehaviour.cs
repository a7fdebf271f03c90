using HealthGraph.Store;
using HealthGraph.Tests.Support;

namespace HealthGraph.Tests.Store;

/// <summary>The behavioural suite against the embedded SQLite store.</summary>
public sealed class SqliteGraphStoreBehaviour(SeededStore seeded) : GraphStoreBehaviour, IClassFixture<SeededStore>
{
    protected override IGraphStore Store => seeded.Store;
}
