using System.Net;
using HealthGraph.Store;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace HealthGraph.Tests.Store.Neo4j;

/// <summary>
/// Start-up waits for Neo4j's indexes by looking at them again and again, each look a short request of its own, so a
/// long index build is bounded by Neo4j:IndexWaitTimeout alone. Index builds that take long or fail cannot be made to
/// happen on demand on a real server: these answers come from the fake server.
/// </summary>
public sealed class Neo4jStartupTests : IAsyncLifetime
{
    private const string ShowIndexes = "SHOW INDEXES";

    private FakeNeo4jServer _server = null!;
    private readonly List<IHost> _hosts = [];

    public async Task InitializeAsync() => _server = await FakeNeo4jServer.StartAsync();

    public async Task DisposeAsync()
    {
        _hosts.ForEach(h => h.Dispose());
        await _server.DisposeAsync();
    }

    private IGraphStore CreateStore(params (string Key, string Value)[] settings)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            [GraphStoreExtensions.StoreSetting] = "Neo4j",
            ["Neo4j:Uri"] = _server.Uri.ToString(),
            ["Neo4j:User"] = "neo4j",
            ["Neo4j:Password"] = "verysecret",
        }.Concat(settings.Select(s => KeyValuePair.Create(s.Key, (string?)s.Value))));
        builder.AddGraphStore();
        var host = builder.Build();
        _hosts.Add(host);
        return host.Services.GetRequiredService<IGraphStore>();
    }

    private static string Pending(string state, string? failure = null) => $$"""
        {"data":{"fields":["name","state","populationPercent","failureMessage"],
                 "values":[["entity_words","{{state}}",40.0,{{(failure is null ? "null" : $"\"{failure}\"")}}]]},"bookmarks":[]}
        """;

    [Fact]
    public async Task StartUpLooksAtIndexesStillBeingBuiltUntilTheyAreOnline_EachLookARequestOfItsOwn()
    {
        _server.ReplyTo(ShowIndexes, HttpStatusCode.Accepted, Pending("POPULATING")).ReplyTo(ShowIndexes, HttpStatusCode.Accepted, Pending("POPULATING"));
        var store = CreateStore(("Neo4j:Timeout", "00:00:01"));

        await store.InitializeAsync();

        Assert.Equal(3, _server.Received.Count(r => r.Body.Contains(ShowIndexes, StringComparison.Ordinal)));
        Assert.Contains(_server.Received, r => r.Body.Contains("CREATE FULLTEXT INDEX entity_words", StringComparison.Ordinal));
    }

    [Fact]
    public async Task AFailedIndexStopsStartUpWithNeo4jsReason()
    {
        _server.ReplyTo(ShowIndexes, HttpStatusCode.Accepted, Pending("FAILED", "Failed to populate: out of disk"));
        var store = CreateStore();

        var error = await Assert.ThrowsAsync<StoreRefusedException>(() => store.InitializeAsync());

        Assert.Equal("Neo4j failed to build the index entity_words: Failed to populate: out of disk", error.Message);
    }

    [Fact]
    public async Task IndexesNotOnlineWithinIndexWaitTimeoutStopStartUp_NamingTheSetting()
    {
        for (var i = 0; i < 40; i++)
        {
            _server.ReplyTo(ShowIndexes, HttpStatusCode.Accepted, Pending("POPULATING"));
        }

        var store = CreateStore(("Neo4j:IndexWaitTimeout", "00:00:02"));

        var error = await Assert.ThrowsAsync<TimeoutException>(() => store.InitializeAsync());

        Assert.Contains("Neo4j:IndexWaitTimeout (00:00:02)", error.Message, StringComparison.Ordinal);
    }
}
