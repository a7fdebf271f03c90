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
        Store.CloseIdleConnections();
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
    public void TheRequestConnectionIsLentToOneCallAtATimeAndGivenBackWhenTheRequestEnds()
    {
        using var kept = new KeptConnections(ConnectionString);
        var request = new RequestConnection(kept);

        var first = request.Take();
        Assert.NotNull(first);
        Assert.Null(request.Take()); // lent out: a second call at once opens its own
        request.Return(first);
        Assert.Same(first, request.Take());
        request.Return(first);

        request.Dispose();

        Assert.Null(request.Take());
        Assert.Equal(System.Data.ConnectionState.Open, first.State);
        Assert.Same(first, kept.Rent()); // kept open, with its statements, for the next call
    }

    [Fact]
    public void AConnectionGivenBackAfterTheRequestEndedGoesBackToTheKeptOnes()
    {
        using var kept = new KeptConnections(ConnectionString);
        var request = new RequestConnection(kept);
        var lent = request.Take()!;

        request.Dispose();
        Assert.Equal(0, kept.IdleCount);
        request.Return(lent);

        Assert.Null(request.Take());
        Assert.Same(lent, kept.Rent());
    }

    [Fact]
    public async Task AStatementRunAgainOnAKeptConnectionUsesTheCommandItPreparedBefore_ButNeverInsideATransaction()
    {
        using var kept = new KeptConnections(ConnectionString);
        var connection = kept.Rent();
        const string sql = "SELECT name FROM node WHERE id = @id";
        Task<IReadOnlyList<string>> NameAsync(string id) => SqliteCommands.QueryAsync(connection, sql, r => r.GetString(0), CancellationToken.None, ("@id", id));

        Assert.Equal(["World Health Organization"], await NameAsync("who"));
        var cache = KeptConnections.CacheOf(connection)!;
        var command = cache.Take(connection, sql);
        cache.Return(command);
        Assert.Equal(["International Labour Organization"], await NameAsync("ilo")); // the same command, bound again
        Assert.Same(command, cache.Take(connection, sql));
        cache.Return(command);

        // A command remembers the transaction it was made in: inside one, a new command is made (the cached one would throw).
        using (var transaction = connection.BeginTransaction())
        {
            Assert.Equal(["World Health Organization"], await NameAsync("who"));
        }

        Assert.Null(KeptConnections.CacheOf(new SqliteConnection(ConnectionString)));
        kept.Return(connection);
    }

    [Fact]
    public async Task ANewStatementTakesThePlaceOfTheOneLeastRecentlyRun()
    {
        using var kept = new KeptConnections(ConnectionString);
        var connection = kept.Rent();
        const string hot = "SELECT name FROM node WHERE id = @id";
        Task<IReadOnlyList<long>> OnceAsync(int i) => SqliteCommands.QueryAsync(connection, $"SELECT {i}", r => r.GetInt64(0), CancellationToken.None);

        await SqliteCommands.QueryAsync(connection, hot, r => r.GetString(0), CancellationToken.None, ("@id", "who"));
        for (var i = 0; i < StatementCache.Capacity + 10; i++)
        {
            Assert.Equal([i], await OnceAsync(i)); // statements made per call, each run once
            if (i % 8 == 0)
            {
                await SqliteCommands.QueryAsync(connection, hot, r => r.GetString(0), CancellationToken.None, ("@id", "ilo"));
            }
        }

        var cache = KeptConnections.CacheOf(connection)!;
        Assert.Equal(StatementCache.Capacity, cache.Count);
        Assert.True(cache.Holds(hot), "the statement run all along was pushed out");
        Assert.False(cache.Holds("SELECT 0"));
        Assert.True(cache.Holds($"SELECT {StatementCache.Capacity + 9}"));
        kept.Return(connection);
    }

    [Fact]
    public void AConnectionLeftInATransaction_OrRentedBeforeTheFileWasReplaced_IsClosedNotKept()
    {
        using var kept = new KeptConnections(ConnectionString);
        var inTransaction = kept.Rent();
        var transaction = inTransaction.BeginTransaction();
        kept.Return(inTransaction);
        Assert.Equal(System.Data.ConnectionState.Closed, inTransaction.State);

        var idle = kept.Rent();
        var inUse = kept.Rent();
        kept.Return(idle);
        kept.Clear();
        Assert.Equal(System.Data.ConnectionState.Closed, idle.State);
        kept.Return(inUse);
        Assert.Equal(System.Data.ConnectionState.Closed, inUse.State);
        Assert.Equal(0, kept.IdleCount);
        transaction.Dispose();
    }

    private string ConnectionString => new SqliteConnectionStringBuilder { DataSource = Store.DatabasePath }.ToString();

    private async Task<GraphNode> NodeAsync(string id) => Assert.Single(await Store.GetNodesAsync([id]));

    private async Task SetStatusAsync(string id, string status)
    {
        var node = await NodeAsync(id);
        var properties = new SortedDictionary<string, object?>(node.Properties.ToDictionary(), StringComparer.Ordinal) { ["status"] = status };
        await Store.ApplyAsync(new GraphChange("alice", "upsertDeliverable", id, [node with { Properties = properties }], [], []));
    }
}
