using HealthGraph.Seeding;
using HealthGraph.Store;
using HealthGraph.Store.Neo4j;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace HealthGraph.Tests.Support;

/// <summary>
/// A Neo4j store for the behavioural suite, when one is reachable: set <c>HEALTHGRAPH_NEO4J_URI</c> (e.g.
/// http://localhost:7474) and <c>HEALTHGRAPH_NEO4J_PASSWORD</c> (or <c>HEALTHGRAPH_NEO4J_TOKEN</c>); optionally
/// <c>HEALTHGRAPH_NEO4J_USER</c> (neo4j) and <c>HEALTHGRAPH_NEO4J_DATABASE</c> (neo4j). The database is wiped and
/// seeded: point it at a throwaway database. Without the URI, every Neo4j test is reported as skipped, with why.
/// </summary>
public sealed class Neo4jTestStore : IDisposable
{
    public const string UriVariable = "HEALTHGRAPH_NEO4J_URI";

    public static string? Uri => Environment.GetEnvironmentVariable(UriVariable);

    public static string SkipReason =>
        $"No Neo4j to test against: set {UriVariable} (and HEALTHGRAPH_NEO4J_PASSWORD) to run the Neo4j leg, e.g. after `docker compose up -d neo4j`.";

    private readonly IHost _host;

    private Neo4jTestStore(IHost host) => _host = host;

    public IGraphStore Store => _host.Services.GetRequiredService<IGraphStore>();

    /// <summary>A wiped and freshly seeded Neo4j store, or null when no Neo4j is configured.</summary>
    public static async Task<Neo4jTestStore?> CreateSeededAsync(TimeProvider? clock = null)
    {
        if (string.IsNullOrWhiteSpace(Uri))
        {
            return null;
        }

        var builder = Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            [GraphStoreExtensions.StoreSetting] = "Neo4j",
            ["Neo4j:Uri"] = Uri,
            ["Neo4j:Database"] = Environment.GetEnvironmentVariable("HEALTHGRAPH_NEO4J_DATABASE") ?? "neo4j",
            ["Neo4j:User"] = Environment.GetEnvironmentVariable("HEALTHGRAPH_NEO4J_USER") ?? "neo4j",
            ["Neo4j:Password"] = Environment.GetEnvironmentVariable("HEALTHGRAPH_NEO4J_PASSWORD"),
            ["Neo4j:Token"] = Environment.GetEnvironmentVariable("HEALTHGRAPH_NEO4J_TOKEN"),
        });
        builder.AddGraphStore();
        if (clock is not null)
        {
            builder.Services.AddSingleton(clock);
        }

        var host = builder.Build();
        var client = host.Services.GetRequiredService<QueryApiClient>();
        await client.RunAsync(new QueryRequest("MATCH (n) CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 10000 ROWS", new Dictionary<string, object?>()));
        var store = host.Services.GetRequiredService<IGraphStore>();
        var seed = await new Seeder(store).SeedAsync(Seeder.DefaultDirectory);
        Assert.True(seed.IsValid, string.Join(Environment.NewLine, seed.Problems));
        return new Neo4jTestStore(host);
    }

    public void Dispose() => _host.Dispose();
}

/// <summary>A seeded Neo4j store shared by a test class, or the reason there is none.</summary>
public sealed class SeededNeo4jStore : IAsyncLifetime, IDisposable
{
    private Neo4jTestStore? _store;

    public IGraphStore? Store => _store?.Store;

    public async Task InitializeAsync() => _store = await Neo4jTestStore.CreateSeededAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    public void Dispose() => _store?.Dispose();
}
