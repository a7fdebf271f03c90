using System.Text.Json.Nodes;
using HealthGraph.Graph;
using HealthGraph.Store;
using HealthGraph.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace HealthGraph.Tests.Api;

/// <summary>
/// Many editors at once, through the real host: each mutation is one serializable transaction, the last committed
/// write wins, and the graph afterwards is what the change log's order says.
/// </summary>
public sealed class ConcurrentMutationTests : IDisposable
{
    private static readonly string[] s_deliverables = ["who-concurrent-0", "who-concurrent-1", "who-concurrent-2", "who-concurrent-3"];
    private static readonly string[] s_targets = ["3.3", "3.8", "8.5"];

    private readonly HealthGraphApp _app = new() { ApiKey = HealthGraphApp.EditorKey };

    public void Dispose() => _app.Dispose();

    private const string Change = "change { sequence operation subject }";

    /// <summary>Mutation number <paramref name="i"/>: an upsert ("Revision i"), a link or an unlink, over four deliverables in turn.</summary>
    private static (string Operation, string Id, string? Target, string? Title, string Document, object Variables) Mutation(int i)
    {
        var id = s_deliverables[i % s_deliverables.Length];
        var target = s_targets[i / 12 % s_targets.Length];
        return (i / s_deliverables.Length % 3) switch
        {
            0 => ("upsertDeliverable", id, null, $"Revision {i}",
                $"mutation($input: UpsertDeliverableInput!) {{ upsertDeliverable(input: $input) {{ {Change} }} }}",
                new { input = Upsert(id, $"Revision {i}") }),
            1 => ("linkAlignment", id, target, null,
                $"mutation($input: LinkAlignmentInput!) {{ linkAlignment(input: $input) {{ {Change} }} }}",
                new { input = new { workId = id, sdgCode = target, source = new { basis = "INFERRED", reason = "Concurrent editors test." } } }),
            _ => ("unlinkAlignment", id, target, null,
                $"mutation($input: UnlinkAlignmentInput!) {{ unlinkAlignment(input: $input) {{ {Change} }} }}",
                new { input = new { workId = id, sdgCode = target } }),
        };
    }

    private static object Upsert(string id, string title) => new
    {
        id,
        agencyId = "who",
        title,
        kind = "ACTIVITY",
        source = new { basis = "INFERRED", reason = "Concurrent editors test." },
    };

    [Fact]
    public async Task TwoHundredConcurrentUpsertsLinksAndUnlinksAllCommit_AndTheGraphIsWhatTheChangeLogOrderSays()
    {
        foreach (var id in s_deliverables)
        {
            await _app.DataAsync($"mutation($input: UpsertDeliverableInput!) {{ upsertDeliverable(input: $input) {{ {Change} }} }}", new { input = Upsert(id, "Created") });
        }

        var mutations = Enumerable.Range(0, 200).Select(Mutation).ToList();
        var responses = await Task.WhenAll(mutations.Select(async m =>
        {
            await Task.Yield();
            return await _app.QueryAsync(m.Document, m.Variables);
        }));

        Assert.All(responses, r => Assert.True(r["errors"] is null, r["errors"]?.ToJsonString()));
        var committed = mutations.Zip(responses, (m, r) => (Mutation: m, Change: ((JsonObject)r["data"]!).Single().Value!["change"]!))
            .OrderBy(c => (int)c.Change["sequence"]!)
            .ToList();
        Assert.All(committed, c => Assert.Equal((c.Mutation.Operation, c.Mutation.Id), ((string)c.Change["operation"]!, (string)c.Change["subject"]!)));

        var store = _app.Services.GetRequiredService<IGraphStore>();
        var log = (await store.GetChangesAsync(1000)).Reverse().ToList();
        Assert.Equal(s_deliverables.Length + mutations.Count, log.Count);
        Assert.Equal(committed.Select(c => (long)c.Change["sequence"]!), log.Skip(s_deliverables.Length).Select(e => e.Sequence));

        var count = await _app.DataAsync("""query($ids: [ID!]) { deliverables(where: { id: { in: $ids } }) { totalCount } }""", new { ids = s_deliverables });
        Assert.Equal(s_deliverables.Length, (int)count["deliverables"]!["totalCount"]!);
        foreach (var id in s_deliverables)
        {
            var mine = committed.Where(c => c.Mutation.Id == id).Select(c => c.Mutation).ToList();
            var lastUpsert = mine.Last(m => m.Operation == "upsertDeliverable");
            Assert.Equal(lastUpsert.Title, Assert.Single(await store.GetNodesAsync([id])).GetString("title"));
            Assert.Single(await store.GetRelationshipsAsync([id], RelationshipTypes.Delivers, Direction.Incoming));

            var expected = new SortedSet<string>(StringComparer.Ordinal);
            foreach (var m in mine.Where(m => m.Target is not null))
            {
                _ = m.Operation == "linkAlignment" ? expected.Add($"sdg-target-{m.Target}") : expected.Remove($"sdg-target-{m.Target}");
            }

            var aligned = await store.GetRelationshipsAsync([id], RelationshipTypes.AlignsWith, Direction.Outgoing);
            Assert.Equal(expected, aligned.Select(r => r.ToId).Order(StringComparer.Ordinal));
        }
    }
}
