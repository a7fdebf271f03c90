using HealthGraph.Ingest.Seed;
using HealthGraph.Store;
using HealthGraph.Tests.Support;

namespace HealthGraph.Tests.Store.Neo4j;

/// <summary>
/// Backing up and restoring the production store with Neo4j's own tool, as docs/neo4j.md describes it: with the server
/// stopped, <c>neo4j-admin database dump</c>, then <c>neo4j-admin database load --overwrite-destination=true</c>. On a
/// server of its own, since it stops and starts it.
/// </summary>
[Collection(Neo4jTests.Name)]
[Trait(Neo4jTests.Category, Neo4jTests.Name)]
public sealed class Neo4jBackupTests : IDisposable
{
    private readonly string _backups = Directory.CreateTempSubdirectory("healthgraph-neo4j-backup-").FullName;

    [Fact]
    public async Task ADumpRestoresTheWholeGraphAfterItsFilesAreLost_IndexesAndChangeLogIncluded()
    {
        var server = await Neo4jTestServer.StartAsync();
        try
        {
            GraphStatistics seeded;
            using (var store = new Neo4jTestStore(Neo4jServerFixture.CreateHost(server.Settings)))
            {
                Assert.True((await new Seeder(store.Store).SeedAsync(Seeder.DefaultDirectory)).IsValid);
                await store.Store.ApplyAsync(new GraphChange("alice", "test", "who", [], [], []));
                seeded = await store.Store.GetStatisticsAsync();
            }

            await server.StopAsync(keep: true);
            await server.DumpAsync(_backups);

            // The database's files are lost, as on a broken disk; the server's own (system) database is not.
            Directory.Delete(Path.Combine(server.Folder, "data", "databases", "neo4j"), recursive: true);
            Directory.Delete(Path.Combine(server.Folder, "data", "transactions", "neo4j"), recursive: true);
            await server.LoadAsync(_backups);
            server = await Neo4jTestServer.StartAsync(server.Folder);

            using var restored = new Neo4jTestStore(Neo4jServerFixture.CreateHost(server.Settings));
            var statistics = await restored.Store.GetStatisticsAsync();
            Assert.Equal(seeded.NodesByLabel, statistics.NodesByLabel);
            Assert.Equal(seeded.RelationshipsByType, statistics.RelationshipsByType);
            Assert.Contains(await restored.Store.SearchAsync(new SearchQuery("health workforce")), h => h.Node.Id == "health-workforce");
            var change = Assert.Single(await restored.Store.GetChangesAsync(10));
            Assert.Equal(("alice", "test"), (change.Writer, change.Operation));
        }
        finally
        {
            await server.StopAsync();
        }
    }

    public void Dispose() => Directory.Delete(_backups, recursive: true);
}
