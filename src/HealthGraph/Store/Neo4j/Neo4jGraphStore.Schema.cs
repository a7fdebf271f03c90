using System.Globalization;
using HealthGraph.Graph;
using HealthGraph.Store.Neo4j.Client;

namespace HealthGraph.Store.Neo4j;

public sealed partial class Neo4jGraphStore
{
    /// <summary>The schema version this release brings a database to: the last of Migrations/NNNN_*.cypher.</summary>
    public static int SchemaVersion => CypherResources.Migrations[^1].Version;

    /// <summary>The migration after which every node's search properties are rewritten (0002_search_words.cypher).</summary>
    private const int SearchWordsVersion = 2;

    /// <summary>The schema version from which every node carries its period (Migrations/0009_work_period.cypher).</summary>
    private const int WorkPeriodsVersion = 9;

    /// <summary>Nodes per statement when a migration rewrites them.</summary>
    private const int MigrationBatchSize = 1_000;

    /// <summary>How long to wait between looks at indexes that are still being built.</summary>
    private static readonly TimeSpan s_indexPollInterval = TimeSpan.FromMilliseconds(250);

    private static async Task MigrateAsync(QueryApiClient client, CancellationToken cancellationToken)
    {
        var current = (await client.RunAsync(Read("schema_version"), cancellationToken)).Rows.SingleOrDefault() is { } row ? Neo4jRows.Long(row["version"]) : 0;
        if (current > SchemaVersion)
        {
            throw new StoreRefusedException(
                $"The Neo4j database's schema is version {current}, newer than this release of HealthGraph understands ({SchemaVersion}). "
                + "Upgrade HealthGraph or point Neo4j:Uri at another database.");
        }

        foreach (var (version, name) in CypherResources.Migrations.Where(m => m.Version > current))
        {
            foreach (var statement in CypherResources.GetStatements(name))
            {
                await client.RunAsync(new QueryRequest(statement, s_noParameters) { Idempotent = true }, cancellationToken);
            }

            if (version == SearchWordsVersion)
            {
                await RewriteSearchWordsAsync(client, cancellationToken);
            }

            if (version == WorkPeriodsVersion)
            {
                await RestampWorkPeriodsAsync(client, cancellationToken);
            }

            if (version == AggregatesVersion)
            {
                await RebuildAsync(client, progress: null, cancellationToken);
            }

            await client.RunAsync(
                new QueryRequest(CypherResources.Get("set_schema_version"), Parameters([("version", (long)version)])) { Idempotent = true },
                cancellationToken);
        }

        await AwaitIndexesAsync(client, client.Options.IndexWaitTimeout, cancellationToken);
    }

    /// <summary>
    /// Writes every node's period (<see cref="WorkPeriod"/>, which reading a node as a GraphNode computes) into it: nodes
    /// stored before schema version 9 have none.
    /// </summary>
    private static Task RestampWorkPeriodsAsync(QueryApiClient client, CancellationToken cancellationToken) =>
        RewriteNodesAsync(client, "set_work_periods", nodes => nodes.Where(n => n.Properties.ContainsKey(NodeProperties.PeriodStart)).Select(n => new Dictionary<string, object?>(StringComparer.Ordinal)
        {
            ["id"] = n.Id,
            ["periodStart"] = n.GetString(NodeProperties.PeriodStart),
            ["periodEnd"] = n.GetString(NodeProperties.PeriodEnd),
        }), cancellationToken);

    /// <summary>Rewrites every node's searchName and searchText from the node.</summary>
    private static Task RewriteSearchWordsAsync(QueryApiClient client, CancellationToken cancellationToken) =>
        RewriteNodesAsync(client, "set_search_words", nodes => nodes.Select(n =>
        {
            var search = Neo4jRows.SearchProperties(n).ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal);
            return new Dictionary<string, object?>(StringComparer.Ordinal)
            {
                ["id"] = n.Id,
                ["searchName"] = search.GetValueOrDefault("searchName"),
                ["searchText"] = search.GetValueOrDefault("searchText"),
            };
        }), cancellationToken);

    /// <summary>
    /// A migration's rewrite of every node, a batch at a time in id order: <paramref name="statement"/> (UNWIND $rows)
    /// writes the rows <paramref name="rows"/> makes of each batch (none: nothing to write).
    /// </summary>
    private static async Task RewriteNodesAsync(
        QueryApiClient client, string statement, Func<IReadOnlyList<GraphNode>, IEnumerable<Dictionary<string, object?>>> rows, CancellationToken cancellationToken)
    {
        string? after = null;
        while (true)
        {
            var page = await client.RunAsync(
                QueryRequest.Read(CypherResources.Get("nodes_after"), Parameters([("after", after), ("first", (long)MigrationBatchSize)])),
                cancellationToken);
            if (page.Rows.Count == 0)
            {
                return;
            }

            var nodes = page.Rows.Select(r => Neo4jRows.ToNode(r["n"])).ToList();
            var batch = rows(nodes).ToArray();
            if (batch.Length > 0)
            {
                await client.RunAsync(new QueryRequest(CypherResources.Get(statement), Parameters([("rows", batch)])) { Idempotent = true }, cancellationToken);
            }

            after = nodes[^1].Id;
        }
    }

    /// <summary>
    /// Waits until every index is online, looking every <see cref="s_indexPollInterval"/>: each look is a short request
    /// of its own, so a long index build is bounded by <paramref name="timeout"/> alone, not by the per-request timeout
    /// or the server's transaction timeout. A failed index stops the wait with Neo4j's reason.
    /// </summary>
    private static async Task AwaitIndexesAsync(QueryApiClient client, TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        try
        {
            while (true)
            {
                var pending = (await client.RunAsync(Read("pending_indexes"), deadline.Token)).Rows;
                if (pending.Count == 0)
                {
                    return;
                }

                if (pending.FirstOrDefault(r => Neo4jRows.Text(r["state"]) == "FAILED") is { } failed)
                {
                    throw new StoreRefusedException(
                        $"Neo4j failed to build the index {Neo4jRows.Text(failed["name"])}: {Neo4jRows.Text(failed["failureMessage"])}");
                }

                await Task.Delay(s_indexPollInterval, deadline.Token);
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new TimeoutException(
                string.Create(CultureInfo.InvariantCulture, $"Neo4j's indexes were not online within Neo4j:IndexWaitTimeout ({timeout})."));
        }
    }

    private static QueryRequest Read(string file) => QueryRequest.Read(CypherResources.Get(file), s_noParameters);
}
