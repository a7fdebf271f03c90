using HealthGraph.Ingest.Seed;
using HealthGraph.Store;
using HealthGraph.Tests.Support;

namespace HealthGraph.Tests.Store.Neo4j;

/// <summary>
/// A load into Neo4j goes in bounded batches, each its own transaction: on a server whose transactions may use 32 MB
/// (the seed with 10,000 synthetic deliverables, 78,000 nodes and relationships, takes more than that as one transaction,
/// which the server refuses), it loads, and a load cut short completes when run again. On a server of its own, since
/// the limit is a server setting.
/// </summary>
[Collection(Neo4jTests.Name)]
[Trait(Neo4jTests.Category, Neo4jTests.Name)]
public sealed class Neo4jLoadTests
{
    [Fact]
    public async Task ALargeLoadStaysWithinTheTransactionMemoryLimit_AndALoadCutShortCompletesWhenRunAgain()
    {
        var server = await Neo4jTestServer.StartAsync(settings: ["db.memory.transaction.max=32m"]);
        try
        {
            using var neo4j = new Neo4jTestStore(Neo4jServerFixture.CreateHost(server.Settings));
            var seeder = new Seeder(neo4j.Store);
            using var cut = new CancellationTokenSource();
            var progress = new CutAfter(cut, phase: "relationships", done: 10_000);

            await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
                seeder.SeedAsync(Seeder.DefaultDirectory, (5_000, 42), progress: progress, cancellationToken: cut.Token));
            var partial = await neo4j.Store.GetStatisticsAsync();
            var completed = await seeder.SeedAsync(Seeder.DefaultDirectory, (5_000, 42));

            Assert.Equal(completed.NodeCount, partial.NodeCount);
            Assert.InRange(partial.RelationshipCount, 10_000, completed.RelationshipCount - 1);
            var report = completed.Report!;
            Assert.Equal(completed.NodeCount, report.Nodes.Values.Sum(c => c.Unchanged));
            Assert.Equal(completed.RelationshipCount - partial.RelationshipCount, report.Relationships.Values.Sum(c => c.Created));
            Assert.Equal(completed.RelationshipCount, report.After.RelationshipCount);
            var check = await ((IAggregateStore)neo4j.Store).CheckAggregatesAsync();
            Assert.True(check.IsExact, string.Join(Environment.NewLine, check.Differences));
        }
        finally
        {
            await server.StopAsync();
        }
    }

    /// <summary>Reports progress synchronously, and cuts the load once a phase has done so many.</summary>
    private sealed class CutAfter(CancellationTokenSource cut, string phase, long done) : IProgress<LoadProgress>
    {
        public void Report(LoadProgress value)
        {
            if (value.Phase == phase && value.Done >= done)
            {
                cut.Cancel();
            }
        }
    }
}
