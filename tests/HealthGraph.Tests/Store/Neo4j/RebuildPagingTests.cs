using System.Net;
using HealthGraph.Store.Neo4j;
using HealthGraph.Store.Neo4j.Client;

namespace HealthGraph.Tests.Store.Neo4j;

/// <summary>
/// How a rebuild walks a heavy node's keys when the server stops a page at its transaction timeout (as a 4,000-key page
/// of target 3.8 did three times running on a busy CI machine): the page was rolled back, so its keys are counted again
/// in pages half as big, and every key is counted exactly once, in order.
/// </summary>
public sealed class RebuildPagingTests
{
    private static readonly string[] s_keys = [.. Enumerable.Range(0, 10_000).Select(i => $"item-{i:00000}")];

    private static Neo4jQueryException Timeout() =>
        new("Neo.ClientError.Transaction.TransactionTimedOut", "The transaction has been terminated.", HttpStatusCode.BadRequest);

    /// <summary>One page of the keys after <paramref name="after"/>, as coverage_keys.cypher gives them; null after the last page.</summary>
    private static string? Page(List<string> counted, string? after, int size)
    {
        var page = s_keys.Where(k => after is null || string.CompareOrdinal(k, after) > 0).Take(size).ToArray();
        counted.AddRange(page);
        return page.Length < size ? null : page[^1];
    }

    [Fact]
    public async Task APageTheServerStopsIsCountedAgainInHalves_AndEveryKeyOnce()
    {
        var counted = new List<string>();
        var sizes = new List<int>();

        await Neo4jGraphStore.PagesHalvedOnTimeoutAsync(4_000, (after, size) =>
        {
            sizes.Add(size);
            return size > 1_000 ? Task.FromException<string?>(Timeout()) : Task.FromResult(Page(counted, after, size));
        });

        Assert.Equal(s_keys, counted);
        Assert.Equal([4_000, 2_000, 1_000], sizes.Take(3));
        Assert.All(sizes.Skip(2), size => Assert.Equal(1_000, size));
    }

    [Fact]
    public async Task APageOfOneKeyThatTimesOutStops_AndAnotherErrorIsNotRetried()
    {
        var sizes = new List<int>();
        await Assert.ThrowsAsync<Neo4jQueryException>(() => Neo4jGraphStore.PagesHalvedOnTimeoutAsync(4, (_, size) =>
        {
            sizes.Add(size);
            return Task.FromException<string?>(Timeout());
        }));
        Assert.Equal([4, 2, 1], sizes);

        var calls = 0;
        var error = await Assert.ThrowsAsync<Neo4jQueryException>(() => Neo4jGraphStore.PagesHalvedOnTimeoutAsync(4, (_, _) =>
        {
            calls++;
            return Task.FromException<string?>(new Neo4jQueryException("Neo.ClientError.Statement.SyntaxError", "bad", HttpStatusCode.BadRequest));
        }));
        Assert.Equal(("Neo.ClientError.Statement.SyntaxError", 1), (error.Code, calls));
    }
}
