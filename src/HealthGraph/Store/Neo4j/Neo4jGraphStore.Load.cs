using HealthGraph.Graph;

namespace HealthGraph.Store.Neo4j;

public sealed partial class Neo4jGraphStore
{
    /// <summary>Rows per UNWIND statement: one plan, cached, for every batch.</summary>
    internal const int BatchSize = 1_000;

    /// <summary>Who the seed tool writes as.</summary>
    public const string SeedWriter = "seed";

    public async Task<LoadReport> LoadAsync(SeedGraph graph, IProgress<LoadProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        await InitializeAsync(cancellationToken);
        var now = Neo4jRows.FormatTime(clock.GetUtcNow());
        LoadReport? report = null;
        await Client().RunInTransactionAsync(
            async transaction =>
            {
                var nodes = await UpsertNodesAsync(transaction, graph.Nodes, SeedWriter, now, progress, cancellationToken);
                var relationships = await UpsertRelationshipsAsync(transaction, graph.Relationships, SeedWriter, now, progress, cancellationToken);
                var after = ReadStatistics(await RunAsync(transaction, "statistics", cancellationToken));
                report = new LoadReport(nodes, relationships, after);
            },
            cancellationToken);
        return report!;
    }

    /// <summary>Creates or updates nodes by id as <paramref name="writer"/>, a batch of one label per statement.</summary>
    private static Task<IReadOnlyDictionary<string, ChangeCounts>> UpsertNodesAsync(
        QueryApiTransaction transaction,
        IReadOnlyList<GraphNode> nodes,
        string writer,
        string now,
        IProgress<LoadProgress>? progress,
        CancellationToken cancellationToken) =>
        UpsertAsync(
            nodes, "nodes", progress, n => n.Label, Neo4jRows.NodeRow,
            async (label, rows) =>
            {
                var result = await RunAsync(
                    transaction, "upsert_nodes", cancellationToken, ("rows", rows), ("label", label), ("now", now), ("writer", writer));
                return result.Rows.Select(r => (Neo4jRows.Text(r["outcome"])!, Neo4jRows.Long(r["count"])));
            });

    /// <summary>Creates or updates relationships by (from, type, to) as <paramref name="writer"/>, a batch of one type per statement.</summary>
    private static Task<IReadOnlyDictionary<string, ChangeCounts>> UpsertRelationshipsAsync(
        QueryApiTransaction transaction,
        IReadOnlyList<GraphRelationship> relationships,
        string writer,
        string now,
        IProgress<LoadProgress>? progress,
        CancellationToken cancellationToken) =>
        UpsertAsync(
            relationships, "relationships", progress, r => r.Type, Neo4jRows.RelationshipRow,
            async (type, rows) =>
            {
                var result = await RunAsync(
                    transaction, "upsert_relationships", cancellationToken, ("rows", rows), ("type", type), ("now", now), ("writer", writer));
                var missing = result.Rows.Where(r => Neo4jRows.Text(r["outcome"]) == "missing").ToList();
                if (missing.Count > 0)
                {
                    throw new GraphChangeRejectedException(
                        $"{type} relationships refer to nodes that do not exist: {string.Join(", ", missing.SelectMany(r => Neo4jRows.Strings(r["missing"])))}.");
                }

                return result.Rows.Select(r => (Neo4jRows.Text(r["outcome"])!, Neo4jRows.Long(r["count"])));
            });

    /// <summary>
    /// Groups the elements (by label or type, in ordinal order), sends each group in batches of <see cref="BatchSize"/>,
    /// and adds up the outcomes the statements count: created, updated, unchanged.
    /// </summary>
    private static async Task<IReadOnlyDictionary<string, ChangeCounts>> UpsertAsync<T>(
        IReadOnlyList<T> elements,
        string phase,
        IProgress<LoadProgress>? progress,
        Func<T, string> group,
        Func<T, Dictionary<string, object?>> row,
        Func<string, Dictionary<string, object?>[], Task<IEnumerable<(string Outcome, long Count)>>> send)
    {
        var counts = new SortedDictionary<string, ChangeCounts>(StringComparer.Ordinal);
        long done = 0;
        foreach (var byKey in elements.GroupBy(group, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            var (created, updated, unchanged) = (0L, 0L, 0L);
            foreach (var batch in byKey.Chunk(BatchSize))
            {
                foreach (var (outcome, count) in await send(byKey.Key, [.. batch.Select(row)]))
                {
                    switch (outcome)
                    {
                        case "created":
                            created += count;
                            break;
                        case "updated":
                            updated += count;
                            break;
                        default:
                            unchanged += count;
                            break;
                    }
                }

                done += batch.Length;
                progress?.Report(new LoadProgress(phase, done, elements.Count));
            }

            counts[byKey.Key] = new ChangeCounts(created, updated, unchanged);
        }

        return counts;
    }
}
