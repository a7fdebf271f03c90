using HealthGraph.Graph;
using HealthGraph.Store;
using HealthGraph.Store.Sqlite;
using HealthGraph.Store.Sqlite.Connections;
using HealthGraph.Tests.Support;
using Microsoft.Data.Sqlite;

namespace HealthGraph.Tests.Store;

/// <summary>
/// One API request's store calls share one connection (<see cref="SqliteGraphStore.BeginRequest"/>): its answers must
/// be those of calls on their own connections, fresh after writes (its own and others'), whole when its calls run at
/// once, and a request that meets an outage must recover like any call.
/// </summary>
public sealed class SqliteRequestConnectionTests(SeededStore seeded) : IClassFixture<SeededStore>
{
    private SqliteGraphStore Store => seeded.Store;

    [Fact]
    public async Task AReadInARequestSeesEachOfTheRequestsOwnWritesBeforeIt()
    {
        using var request = Store.BeginRequest();
        foreach (var status in new[] { "ACHIEVED", "DELAYED", "ON_TRACK" })
        {
            await SetStatusAsync("who-hwf-strategy", status);

            Assert.Equal(status, (await NodeAsync("who-hwf-strategy")).GetString("status"));
        }
    }

    [Fact]
    public async Task AReadInARequestSeesAWriteThatAnotherRequestCommittedAfterItsFirstRead()
    {
        using var request = Store.BeginRequest();
        var before = (await NodeAsync("who-hwf-strategy")).GetString("status");

        // Another request, on its own connection: a flow that does not carry this one's request.
        Task other;
        using (ExecutionContext.SuppressFlow())
        {
            other = Task.Run(async () =>
            {
                using var scope = Store.BeginRequest();
                await SetStatusAsync("who-hwf-strategy", before == "DELAYED" ? "ACHIEVED" : "DELAYED");
            });
        }

        await other;

        Assert.NotEqual(before, (await NodeAsync("who-hwf-strategy")).GetString("status"));
    }

    [Fact]
    public async Task CallsOfOneRequestRunningAtOnceEachGetTheWholeAnswer()
    {
        var ids = new[] { "who", "ilo", "who-hwf-strategy", "sdg-target-8.3" };
        var expected = await Store.GetNodesAsync(ids);
        var relationships = await Store.GetRelationshipsAsync(["who"], RelationshipTypes.Delivers, Direction.Outgoing);

        using var request = Store.BeginRequest();
        var answers = await Task.WhenAll(Enumerable.Range(0, 64).Select(i => Task.Run(async () =>
            i % 2 == 0
                ? (await Store.GetNodesAsync(ids)).Select(n => n.Id).ToArray()
                : (await Store.GetRelationshipsAsync(["who"], RelationshipTypes.Delivers, Direction.Outgoing)).Select(r => r.ToId).ToArray())));

        Assert.All(answers.Where((_, i) => i % 2 == 0), a => Assert.Equal(expected.Select(n => n.Id), a));
        Assert.All(answers.Where((_, i) => i % 2 == 1), a => Assert.Equal(relationships.Select(r => r.ToId), a));
        Assert.NotEmpty(relationships);
    }

    [Fact]
    public async Task ARequestThatFindsTheStoreUnavailableAnswersAgainOnceTheFileIsBack()
    {
        var path = Store.DatabasePath;
        using var request = Store.BeginRequest();
        SqliteConnection.ClearAllPools();
        File.Move(path, path + ".away");
        Directory.CreateDirectory(path);
        try
        {
            await Assert.ThrowsAsync<StoreUnavailableException>(() => Store.GetNodesAsync(["who"]));
        }
        finally
        {
            Directory.Delete(path);
            File.Move(path + ".away", path);
        }

        Assert.Equal("World Health Organization", (await NodeAsync("who")).Name);
        await SetStatusAsync("who-hwf-strategy", "DELAYED");
        Assert.Equal("DELAYED", (await NodeAsync("who-hwf-strategy")).GetString("status"));
    }

    [Fact]
    public void TheRequestConnectionIsLentToOneCallAtATimeAndClosedWhenTheRequestEnds()
    {
        var request = new RequestConnection(new SqliteConnectionStringBuilder { DataSource = Store.DatabasePath }.ToString());

        var first = request.Take();
        Assert.NotNull(first);
        Assert.Null(request.Take()); // lent out: a second call at once opens its own
        request.Return(first);
        Assert.Same(first, request.Take());
        request.Return(first);

        request.Dispose();

        Assert.Equal(System.Data.ConnectionState.Closed, first.State);
        Assert.Null(request.Take());
    }

    [Fact]
    public void AConnectionGivenBackAfterTheRequestEndedIsClosed()
    {
        var request = new RequestConnection(new SqliteConnectionStringBuilder { DataSource = Store.DatabasePath }.ToString());
        var lent = request.Take()!;

        request.Dispose();
        Assert.Equal(System.Data.ConnectionState.Open, lent.State);
        request.Return(lent);

        Assert.Equal(System.Data.ConnectionState.Closed, lent.State);
        Assert.Null(request.Take());
    }

    private async Task<GraphNode> NodeAsync(string id) => Assert.Single(await Store.GetNodesAsync([id]));

    private async Task SetStatusAsync(string id, string status)
    {
        var node = await NodeAsync(id);
        var properties = new SortedDictionary<string, object?>(node.Properties.ToDictionary(), StringComparer.Ordinal) { ["status"] = status };
        await Store.ApplyAsync(new GraphChange("alice", "upsertDeliverable", id, [node with { Properties = properties }], [], []));
    }
}
