using HealthGraph.Graph;
using HealthGraph.Store.Neo4j.Client;

namespace HealthGraph.Store.Neo4j;

public sealed partial class Neo4jGraphStore
{
    /// <summary>Rows per UNWIND statement: one plan, cached, for every batch.</summary>
    internal const int BatchSize = 1_000;

    /// <summary>Who the seed tool writes as.</summary>
    public const string SeedWriter = "seed";

    /// <summary>
    /// Loads the graph in bounded batches of <see cref="BatchSize"/> rows, each an implicit transaction of its own, so a
    /// load of any size stays within Neo4j's transaction memory (<c>db.memory.transaction.max</c>). Every batch writes by
    /// key and leaves unchanged elements alone, so it is safe to repeat: a batch whose answer was lost is retried, and a
    /// load cut short (an outage) is completed by running it again, which counts what the first run wrote as unchanged.
    /// Relationships whose end nodes are neither in the graph nor in the store are refused before anything is written.
    /// A load that changed anything then rebuilds the aggregates (<see cref="RebuildAggregatesAsync"/>); they are marked
    /// stale meanwhile, so the next load rebuilds them when this one is cut short.
    /// </summary>
    public async Task<LoadReport> LoadAsync(SeedGraph graph, IProgress<LoadProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        await InitializeAsync(cancellationToken);
        var client = Client();
        var now = Neo4jRows.FormatTime(clock.GetUtcNow());
        Task<QueryResult> RunBatchAsync(string file, (string Name, object? Value)[] parameters) =>
            client.RunAsync(new QueryRequest(CypherResources.Get(file), Parameters(parameters)) { Idempotent = true }, cancellationToken);

        // The graph's own elements, then each of its parts (SeedGraph.Parts), each checked before it is written: a part's
        // relationships may end at nodes an earlier part wrote.
        var tally = new LoadTally();
        bool? wasStale = null;
        var done = 0;
        foreach (var section in graph.Sections())
        {
            var missing = await MissingEndsAsync(client, section, cancellationToken);
            if (missing.Count > 0)
            {
                throw GraphChangeRejectedException.MissingEnds(missing);
            }

            wasStale ??= (await client.RunAsync(new QueryRequest(CypherResources.Get("mark_aggregates_stale"), s_noParameters), cancellationToken))
                .Rows.Any(r => Neo4jRows.Bool(r["wasStale"]));
            tally.Add(
                await UpsertNodesAsync(RunBatchAsync, section.Nodes, SeedWriter, now, progress),
                await UpsertRelationshipsAsync(RunBatchAsync, section.Relationships, SeedWriter, now, progress));
            if (graph.PartCount > 0)
            {
                progress?.Report(new LoadProgress("parts", done++, graph.PartCount));
            }
        }

        if (wasStale is true || tally.Nodes.Values.Concat(tally.Relationships.Values).Any(c => c.Changed > 0))
        {
            await RebuildAsync(client, progress, cancellationToken);
        }
        else
        {
            await client.RunAsync(new QueryRequest(CypherResources.Get("mark_aggregates_current"), s_noParameters), cancellationToken);
        }

        return new LoadReport(tally.Nodes, tally.Relationships, await GetStatisticsAsync(cancellationToken));
    }

    /// <summary>The ends of the graph's relationships that are neither among its nodes nor in the store, in order.</summary>
    private static async Task<IReadOnlyList<string>> MissingEndsAsync(QueryApiClient client, SeedGraph graph, CancellationToken cancellationToken)
    {
        var missing = new List<string>();
        foreach (var batch in graph.EndsOutside().Chunk(BatchSize * 10))
        {
            var result = await client.RunAsync(QueryRequest.Read(CypherResources.Get("missing_nodes"), Parameters([("ids", batch)])), cancellationToken);
            missing.AddRange(result.Rows.Select(r => Neo4jRows.Text(r["id"])!));
        }

        return [.. missing.Order(StringComparer.Ordinal)];
    }

    /// <summary>Runs a statement from a .cypher file with its parameters: in a transaction, or as a batch of a load.</summary>
    private delegate Task<QueryResult> StatementRunner(string file, (string Name, object? Value)[] parameters);

    /// <summary>Creates or updates nodes by id as <paramref name="writer"/>, a batch of one label per statement.</summary>
    private static Task<IReadOnlyDictionary<string, ChangeCounts>> UpsertNodesAsync(
        StatementRunner run, IReadOnlyList<GraphNode> nodes, string writer, string now, IProgress<LoadProgress>? progress) =>
        UpsertAsync(
            nodes, "nodes", progress, n => n.Label, Neo4jRows.NodeRow,
            async (label, rows) =>
            {
                var result = await run("upsert_nodes", [("rows", rows), ("label", label), ("now", now), ("writer", writer)]);
                return result.Rows.Select(r => (Neo4jRows.Text(r["outcome"])!, Neo4jRows.Long(r["count"])));
            });

    /// <summary>Creates or updates relationships by (from, type, to) as <paramref name="writer"/>, a batch of one type per statement.</summary>
    private static Task<IReadOnlyDictionary<string, ChangeCounts>> UpsertRelationshipsAsync(
        StatementRunner run, IReadOnlyList<GraphRelationship> relationships, string writer, string now, IProgress<LoadProgress>? progress) =>
        UpsertAsync(
            relationships, "relationships", progress, r => r.Type, Neo4jRows.RelationshipRow,
            async (type, rows) =>
            {
                var result = await run("upsert_relationships", [("rows", rows), ("type", type), ("now", now), ("writer", writer)]);
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
