using HealthGraph.Store;
using HealthGraph.Store.Neo4j;
using HealthGraph.Store.Neo4j.Client;
using HealthGraph.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace HealthGraph.Tests.Store.Neo4j;

/// <summary>The Neo4j schema is versioned: a store brings an older database up to date at start, and refuses a newer one.</summary>
[Collection(Neo4jTests.Name)]
[Trait(Neo4jTests.Category, Neo4jTests.Name)]
public sealed class Neo4jSchemaTests(Neo4jServerFixture server)
{
    private static readonly Dictionary<string, object?> s_noParameters = [];

    /// <summary>
    /// A database as version 1 left it (the full-text index over name and searchText, searchText as typed) is migrated:
    /// the old index is gone, the new one online, every node's search words rewritten, and search finds what the
    /// embedded store finds (an apostrophe ends a word).
    /// </summary>
    [Fact]
    public async Task ADatabaseAtVersion1IsMigrated_AndSearchReadsWordsAsTheEmbeddedStoreDoes()
    {
        using (var seeded = await server.CreateSeededStoreAsync())
        {
            var client = seeded.Services.GetRequiredService<QueryApiClient>();
            foreach (var statement in new[]
            {
                "DROP INDEX entity_words",
                """
                CREATE FULLTEXT INDEX entity_search FOR (n:Entity) ON EACH [n.name, n.searchText]
                OPTIONS {indexConfig: {`fulltext.analyzer`: 'standard-no-stop-words', `fulltext.eventually_consistent`: false}}
                """,
                "MATCH (n:Entity) REMOVE n.searchName SET n.searchText = 'as version 1 wrote it'",
                "MATCH (s:SchemaVersion) SET s.version = 1",
                "CREATE (:Entity:Theme {id: 'test-apostrophe', name: 'Tajikistan’s oblasts', basis: 'INFERRED', reason: 'A test.'})",
            })
            {
                await client.RunAsync(new QueryRequest(statement, s_noParameters));
            }
        }

        using var store = new Neo4jTestStore(server.CreateHost());
        await store.Store.InitializeAsync();

        var client2 = store.Services.GetRequiredService<QueryApiClient>();
        var indexes = await client2.RunAsync(QueryRequest.Read("SHOW FULLTEXT INDEXES YIELD name, state RETURN name, state", s_noParameters));
        Assert.Equal([("entity_words", "ONLINE")], indexes.Rows.Select(r => ((string?)r["name"], (string?)r["state"])));
        var version = await client2.RunAsync(QueryRequest.Read("MATCH (s:SchemaVersion) RETURN s.version AS version", s_noParameters));
        Assert.Equal((long)Neo4jGraphStore.SchemaVersion, Assert.Single(version.Rows)["version"]);
        var hits = await store.Store.SearchAsync(new SearchQuery("tajikistan s oblast", ["Theme"]));
        Assert.Equal("test-apostrophe", Assert.Single(hits).Node.Id);
        Assert.Contains(await store.Store.SearchAsync(new SearchQuery("health workforce")), h => h.Node.Id == "health-workforce");
    }

    /// <summary>
    /// A database as version 7 left it (no node carries its period, no period index, no REGION rows in the aggregates) is
    /// migrated: the periods are written into its nodes, the period filter finds ILO's 2021 work, and the rebuilt
    /// aggregates hold WHO's work in Sughd and are exact.
    /// </summary>
    [Fact]
    public async Task ADatabaseAtVersion7GetsThePeriodsOfItsWork_AndTheRegionsOfItsAggregates()
    {
        using (var seeded = await server.CreateSeededStoreAsync())
        {
            var client = seeded.Services.GetRequiredService<QueryApiClient>();
            foreach (var statement in new[]
            {
                "DROP INDEX deliverable_period_start",
                "DROP INDEX outcome_period_start",
                "DROP INDEX place_level",
                "MATCH (n:Entity) REMOVE n.periodStart, n.periodEnd",
                "MATCH (a) WHERE (a:AgencyItem OR a:AgencyPair OR a:AgencySize) AND a.dimension = 'REGION' DETACH DELETE a",
                "MATCH (s:SchemaVersion) SET s.version = 7",
            })
            {
                await client.RunAsync(new QueryRequest(statement, s_noParameters));
            }
        }

        using var store = new Neo4jTestStore(server.CreateHost());
        await store.Store.InitializeAsync();

        var active = await store.Store.ListNodesAsync(new NodeListQuery(HealthGraph.Graph.NodeLabels.Deliverable, NodeField.ActiveBetween("2021-01-01", "2021-12-31")));
        Assert.Equal(6, active.TotalCount);
        Assert.All(active.Nodes, n => Assert.Equal(("2021-01-01", "2021-12-31"), (n.GetString("periodStart"), n.GetString("periodEnd"))));
        var sughd = Assert.Single(await store.Store.GetItemHoldersAsync(OverlapDimension.Region, ["place-3505000"], null, 5));
        Assert.Equal(["who"], sughd.Agencies.Select(h => h.AgencyId));
        var check = await ((IAggregateStore)store.Store).CheckAggregatesAsync();
        Assert.True(check.IsExact, string.Join(Environment.NewLine, check.Differences));
    }

    [Fact]
    public async Task ADatabaseOfANewerReleaseIsRefused_NamingBothVersions()
    {
        await server.ResetAsync();
        using var store = new Neo4jTestStore(server.CreateHost());
        await store.Store.InitializeAsync();
        await store.Services.GetRequiredService<QueryApiClient>().RunAsync(
            new QueryRequest("MATCH (s:SchemaVersion) SET s.version = 99", s_noParameters));

        using var newer = new Neo4jTestStore(server.CreateHost());
        var error = await Assert.ThrowsAsync<StoreRefusedException>(() => newer.Store.InitializeAsync());

        Assert.Contains($"schema is version 99, newer than this release of HealthGraph understands ({Neo4jGraphStore.SchemaVersion})", error.Message, StringComparison.Ordinal);
    }
}
