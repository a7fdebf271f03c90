using System.Diagnostics;
using HealthGraph.Graph;
using HealthGraph.Store.Neo4j.Client;

namespace HealthGraph.Store.Neo4j;

/// <summary>
/// The aggregates the coordination answers read (Migrations/0003_agency_items.cypher): the partner-overlap aggregate,
/// (:AgencyItem) nodes, one per key of agency_links.cypher with its counts; and the goal-coverage aggregate,
/// (:CoverageLink) nodes, one per link of coverage_links.cypher. Both are kept current in the transaction of every
/// change, from the pieces of work the change can alter (read before and after it), and rebuilt after loads. Every
/// writer of them holds the aggregate lock (lock_aggregates.cypher) first, so their reads of the graph see what the
/// last writer committed.
/// </summary>
public sealed partial class Neo4jGraphStore
{
    /// <summary>
    /// The last schema version that adds to the aggregates (Migrations/0008_region_dimension.cypher; 0003 and 0005 create
    /// them, 0006 adds the derived basis): migrating to it rebuilds them all.
    /// </summary>
    private const int AggregatesVersion = 8;

    /// <summary>
    /// Pieces of work (delivered or managed) per transaction of a partner-overlap rebuild: an agency's rows grow with its
    /// work, and most organizations (partners) have none, so they go many to a transaction (an agency with more, alone).
    /// </summary>
    private const long RebuildWorkPerStep = 2_000;

    /// <summary>
    /// Goal-coverage links read per transaction of a coverage-count rebuild (most SDG nodes have few); a node with more
    /// is rebuilt a page of its keys at a time. Settable only so that the tests can send the seed's nodes that way.
    /// </summary>
    internal static long RebuildCountedLinksPerStep { get; set; } = 4_000;

    /// <summary>
    /// Goal-coverage links per transaction of a rebuild: a transaction holds each node it writes, about 5 KB with its
    /// index entries (measured: 6,000 fit in 32 MB, 12,000 did not), and an outcome has a link per deliverable serving it.
    /// </summary>
    private const long RebuildLinksPerStep = 2_000;

    /// <summary>
    /// Pieces of work per transaction when an agency with more is rebuilt a range of its work at a time (one agency can
    /// hold a quarter of a large graph's work: 240,000 pieces took 40 s in one transaction at 1,000,000, past a 30 s
    /// transaction timeout). Settable only so that the tests can rebuild the seed's agencies that way.
    /// </summary>
    internal static long RebuildWorksPerRange { get; set; } = 10_000;

    /// <summary>Called after each range of an agency rebuilt in ranges is committed: set only by the tests, to write between ranges.</summary>
    internal static Func<Task>? AfterRebuildRange { get; set; }

    /// <summary>Called at the end of each rebuild step's transaction, before it commits: set only by the tests, to hold a step past the timeout.</summary>
    internal static Func<QueryApiTransaction, Task>? BeforeRebuildStepCommits { get; set; }

    /// <summary>How long a rebuild in ranges that takes no step keeps another from starting one (a stopped one is taken over after it).</summary>
    private static readonly TimeSpan s_rebuildLease = TimeSpan.FromMinutes(10);

    /// <summary>Agencies per pair of statements when the check compares their rows (reads: no transaction memory is held).</summary>
    private const int CheckAgenciesPerStep = 8;

    /// <summary>
    /// Goal-coverage links per statement when the check compares SDG nodes' coverage (the recomputation collects all of a
    /// node's work): nodes with few links go many to a statement, a node with more goes alone.
    /// </summary>
    private const long CheckLinksPerStep = 2_000;

    /// <summary>Pieces of work per statement when a change's counts are read.</summary>
    private const int WorksPerStatement = 1_000;

    /// <summary>One key's counts in the aggregate: how many of the agency's links reach the item with each basis.</summary>
    private readonly record struct AgencyItemKey(string Agency, string Dimension, string Item);

    /// <summary>The pieces of work whose links the change can alter (affected_works.cypher), read before it is written.</summary>
    private static async Task<string[]> AffectedWorksAsync(QueryApiTransaction transaction, GraphChange change, CancellationToken cancellationToken)
    {
        var relationships = change.Relationships.Select(r => new Dictionary<string, object?>(StringComparer.Ordinal)
        {
            ["from"] = r.FromId,
            ["type"] = r.Type,
            ["to"] = r.ToId,
        }).ToArray();
        var nodes = change.Nodes.Select(n => new Dictionary<string, object?>(StringComparer.Ordinal)
        {
            ["id"] = n.Id,
            ["label"] = n.Label,
            ["level"] = n.GetString(NodeProperties.Level),
        }).ToArray();
        var result = await RunAsync(
            transaction, "affected_works", cancellationToken, ("relationships", relationships), ("removals", Removals(change)), ("nodes", nodes));
        return [.. result.Rows.Select(r => Neo4jRows.Text(r["work"])!)];
    }

    /// <summary>
    /// An agency whose partner-overlap rows a rebuild is counting a range of its work at a time
    /// (begin_agency_rebuild.cypher): its rows count its work up to <paramref name="Through"/> (an id; '' for none).
    /// </summary>
    private sealed record AgencyRebuild(string Agency, string Through);

    /// <summary>Takes the aggregate lock (lock_aggregates.cypher) and returns the agency a rebuild is counting in ranges, if any.</summary>
    private static async Task<AgencyRebuild?> LockAggregatesAsync(QueryApiTransaction transaction, CancellationToken cancellationToken)
    {
        var row = (await RunAsync(transaction, "lock_aggregates", cancellationToken)).Rows.Single();
        return Neo4jRows.Text(row["rebuilding"]) is { } agency ? new AgencyRebuild(agency, Neo4jRows.Text(row["through"]) ?? "") : null;
    }

    /// <summary>
    /// agency_item_counts.cypher through the given pieces of work, by key; for an agency a rebuild is counting in ranges,
    /// only through its work up to the range counted (works_after.cypher finds the rest, which the rebuild counts when it
    /// reaches it), so that each piece of its work is counted once.
    /// </summary>
    private static async Task<Dictionary<AgencyItemKey, BasisCounts>> CountsThroughAsync(
        QueryApiTransaction transaction, string[] works, AgencyRebuild? rebuild, CancellationToken cancellationToken)
    {
        var counts = await CountsThroughAsync(transaction, works, cancellationToken);
        if (rebuild is null || !counts.Keys.Any(k => k.Agency == rebuild.Agency))
        {
            return counts;
        }

        string[] ahead =
        [
            .. (await RunAsync(transaction, "works_after", cancellationToken, ("works", works), ("after", rebuild.Through))).Rows
                .Select(r => Neo4jRows.Text(r["work"])!),
        ];
        foreach (var (key, counted) in await CountsThroughAsync(transaction, ahead, cancellationToken))
        {
            if (key.Agency != rebuild.Agency)
            {
                continue;
            }

            var all = counts[key];
            if (all == counted)
            {
                counts.Remove(key);
            }
            else
            {
                counts[key] = all - counted;
            }
        }

        return counts;
    }

    /// <summary>agency_item_counts.cypher through the given pieces of work, by key.</summary>
    private static async Task<Dictionary<AgencyItemKey, BasisCounts>> CountsThroughAsync(
        QueryApiTransaction transaction, string[] works, CancellationToken cancellationToken)
    {
        var counts = new Dictionary<AgencyItemKey, BasisCounts>();
        foreach (var batch in works.Chunk(WorksPerStatement))
        {
            var result = await RunAsync(
                transaction, "agency_item_counts", cancellationToken, ("agencies", null), ("works", batch), ("limited", null), ("basis", null));
            foreach (var row in result.Rows)
            {
                var key = new AgencyItemKey(Neo4jRows.Text(row["agency"])!, Neo4jRows.Text(row["dimension"])!, Neo4jRows.Text(row["item"])!);
                counts[key] = counts.GetValueOrDefault(key) + Counts(row);
            }
        }

        return counts;
    }

    /// <summary>
    /// Adds to the aggregate what the change did to the counts through the works it can alter: those after the change
    /// less those before (apply_agency_items.cypher). Every link whose existence or basis the change alters goes through
    /// one of those works, so the difference is the whole of the change's effect.
    /// </summary>
    private static async Task ApplyAgencyItemDeltasAsync(
        QueryApiTransaction transaction,
        string[] works,
        Dictionary<AgencyItemKey, BasisCounts> before,
        AgencyRebuild? rebuild,
        CancellationToken cancellationToken)
    {
        if (works.Length == 0)
        {
            return;
        }

        var after = await CountsThroughAsync(transaction, works, rebuild, cancellationToken);
        var deltas = before.Keys.Union(after.Keys)
            .Select(key => (Key: key, Delta: after.GetValueOrDefault(key) - before.GetValueOrDefault(key)))
            .Where(d => d.Delta != default)
            .Select(d => DeltaRow(d.Key, d.Delta))
            .ToArray();
        var changes = new List<AgencyItemChange>();
        foreach (var batch in deltas.Chunk(BatchSize))
        {
            foreach (var row in (await RunAsync(transaction, "apply_agency_items", cancellationToken, ("deltas", batch))).Rows)
            {
                changes.Add(new AgencyItemChange(
                    new AgencyItemKey(Neo4jRows.Text(row["agency"])!, Neo4jRows.Text(row["dimension"])!, Neo4jRows.Text(row["item"])!),
                    new BasisCounts(Neo4jRows.Long(row["statedBefore"]), Neo4jRows.Long(row["inferredBefore"]), Neo4jRows.Long(row["derivedBefore"])),
                    new BasisCounts(Neo4jRows.Long(row["statedAfter"]), Neo4jRows.Long(row["inferredAfter"]), Neo4jRows.Long(row["derivedAfter"]))));
            }
        }

        await ApplyAgencyPairDeltasAsync(transaction, changes, cancellationToken);
    }

    /// <summary>A row of apply_agency_items.cypher's $deltas: counts to add to a key's.</summary>
    private static Dictionary<string, object?> DeltaRow(AgencyItemKey key, BasisCounts counts) => new(StringComparer.Ordinal)
    {
        ["agency"] = key.Agency,
        ["dimension"] = key.Dimension,
        ["item"] = key.Item,
        ["stated"] = counts.Stated,
        ["inferred"] = counts.Inferred,
        ["derived"] = counts.Derived,
    };

    /// <summary>A row's stated, inferred and derived counts (an aggregate node's, or a statement's that counts by basis).</summary>
    private static BasisCounts Counts(QueryRow row) =>
        new(Neo4jRows.Long(row["stated"]), Neo4jRows.Long(row["inferred"]), Neo4jRows.Long(row["derived"]));

    /// <summary>A goal-coverage link: its key and what it carries.</summary>
    private readonly record struct CoverageLinkKey(string Sdg, string Agency, string Item, long Via, string Aligned);

    private readonly record struct CoverageLinkValue(string? Basis, string? Reason, string? Label);

    /// <summary>coverage_links.cypher through the given aligned pieces of work, by key.</summary>
    private static async Task<Dictionary<CoverageLinkKey, CoverageLinkValue>> CoverageLinksThroughAsync(
        QueryApiTransaction transaction, string[] works, CancellationToken cancellationToken)
    {
        var links = new Dictionary<CoverageLinkKey, CoverageLinkValue>();
        foreach (var batch in works.Chunk(WorksPerStatement))
        {
            var result = await RunAsync(transaction, "coverage_links", cancellationToken, ("works", batch));
            foreach (var row in result.Rows)
            {
                links[new CoverageLinkKey(
                    Neo4jRows.Text(row["sdg"])!, Neo4jRows.Text(row["agency"])!, Neo4jRows.Text(row["item"])!, Neo4jRows.Long(row["via"]), Neo4jRows.Text(row["aligned"])!)] =
                    new CoverageLinkValue(Neo4jRows.Text(row["basis"]), Neo4jRows.Text(row["reason"]), Neo4jRows.Text(row["label"]));
            }
        }

        return links;
    }

    /// <summary>Writes what the change did to the goal-coverage links through the works it can alter: those gone, made or changed.</summary>
    private static async Task ApplyCoverageLinkChangesAsync(
        QueryApiTransaction transaction,
        string[] works,
        Dictionary<CoverageLinkKey, CoverageLinkValue> before,
        CancellationToken cancellationToken)
    {
        if (works.Length == 0)
        {
            return;
        }

        var after = await CoverageLinksThroughAsync(transaction, works, cancellationToken);
        static Dictionary<string, object?> Key(CoverageLinkKey k) => new(StringComparer.Ordinal)
        {
            ["sdg"] = k.Sdg,
            ["agency"] = k.Agency,
            ["item"] = k.Item,
            ["via"] = k.Via,
            ["aligned"] = k.Aligned,
        };

        var gone = before.Keys.Where(k => !after.ContainsKey(k)).ToList();
        var changed = after.Where(l => !before.TryGetValue(l.Key, out var old) || old != l.Value).ToList();
        if (gone.Count == 0 && changed.Count == 0)
        {
            return;
        }

        // The keys (node, agency, item) of the links that change: their counts are read before and after.
        var keys = gone.Concat(changed.Select(l => l.Key))
            .Select(k => (k.Sdg, k.Agency, k.Item))
            .Distinct()
            .Select(k => new Dictionary<string, object?>(StringComparer.Ordinal) { ["sdg"] = k.Sdg, ["agency"] = k.Agency, ["item"] = k.Item })
            .ToArray();
        var statesBefore = await CoverageKeyStatesAsync(transaction, keys, cancellationToken);
        var removed = gone.Select(Key).ToArray();
        var links = changed.Select(l =>
        {
            var row = Key(l.Key);
            row["basis"] = l.Value.Basis;
            row["reason"] = l.Value.Reason;
            row["label"] = l.Value.Label;
            return row;
        }).ToArray();
        for (var i = 0; i < Math.Max(removed.Length, links.Length); i += BatchSize)
        {
            await RunAsync(
                transaction, "apply_coverage_links", cancellationToken, ("removed", removed.Skip(i).Take(BatchSize).ToArray()), ("links", links.Skip(i).Take(BatchSize).ToArray()));
        }

        var statesAfter = await CoverageKeyStatesAsync(transaction, keys, cancellationToken);
        await ApplyCoverageCountDeltasAsync(transaction, statesBefore, statesAfter, cancellationToken);
    }

    /// <summary>A coverage key's state: whether it has a link of each basis (1 or 0), of any, and its item's label.</summary>
    private readonly record struct CoverageKeyState(BasisCounts Has, bool Any, string? Label);

    /// <summary>coverage_key_states.cypher, by key.</summary>
    private static async Task<Dictionary<(string Sdg, string Agency, string Item), CoverageKeyState>> CoverageKeyStatesAsync(
        QueryApiTransaction transaction, Dictionary<string, object?>[] keys, CancellationToken cancellationToken)
    {
        var states = new Dictionary<(string, string, string), CoverageKeyState>();
        foreach (var batch in keys.Chunk(BatchSize))
        {
            foreach (var row in (await RunAsync(transaction, "coverage_key_states", cancellationToken, ("keys", batch))).Rows)
            {
                states[(Neo4jRows.Text(row["sdg"])!, Neo4jRows.Text(row["agency"])!, Neo4jRows.Text(row["item"])!)] = new CoverageKeyState(
                    new BasisCounts(Flag(row["stated"]), Flag(row["inferred"]), Flag(row["derived"])), Neo4jRows.Bool(row["any"]), Neo4jRows.Text(row["label"]));
            }
        }

        return states;

        static long Flag(object? value) => Neo4jRows.Bool(value) ? 1 : 0;
    }

    /// <summary>
    /// The counts' deltas from the keys' states before and after (a key counts once per basis it has a link of, for its
    /// node and agency and for its node and item), written by apply_coverage_counts.cypher.
    /// </summary>
    private static async Task ApplyCoverageCountDeltasAsync(
        QueryApiTransaction transaction,
        Dictionary<(string Sdg, string Agency, string Item), CoverageKeyState> before,
        Dictionary<(string Sdg, string Agency, string Item), CoverageKeyState> after,
        CancellationToken cancellationToken)
    {
        var agencies = new Dictionary<(string, string), (BasisCounts Counts, long Total)>();
        var items = new Dictionary<(string, string, string), (BasisCounts Counts, long Total)>();
        void Add<TKey>(Dictionary<TKey, (BasisCounts Counts, long Total)> counts, TKey key, BasisCounts delta, long total)
            where TKey : notnull
        {
            var (c, t) = counts.GetValueOrDefault(key);
            counts[key] = (c + delta, t + total);
        }

        foreach (var (key, was) in before)
        {
            var now = after[key];
            var (delta, total) = (now.Has - was.Has, (now.Any ? 1 : 0) - (was.Any ? 1 : 0));
            if (was.Label != now.Label && was.Any && now.Any)
            {
                // The item's label changed: it leaves the old label's counts and joins the new one's.
                Add(items, (key.Sdg, was.Label!, key.Item), default(BasisCounts) - was.Has, -1);
                Add(items, (key.Sdg, now.Label!, key.Item), now.Has, 1);
            }
            else if (delta != default || total != 0)
            {
                Add(items, (key.Sdg, (now.Any ? now.Label : was.Label)!, key.Item), delta, total);
            }

            if (delta != default || total != 0)
            {
                Add(agencies, (key.Sdg, key.Agency), delta, total);
            }
        }

        var agencyRows = agencies.Where(a => a.Value != default).Select(a => new Dictionary<string, object?>(StringComparer.Ordinal)
        {
            ["sdg"] = a.Key.Item1,
            ["agency"] = a.Key.Item2,
            ["stated"] = a.Value.Counts.Stated,
            ["inferred"] = a.Value.Counts.Inferred,
            ["derived"] = a.Value.Counts.Derived,
            ["total"] = a.Value.Total,
        }).ToArray();
        var itemRows = items.Where(i => i.Value != default).Select(i => new Dictionary<string, object?>(StringComparer.Ordinal)
        {
            ["sdg"] = i.Key.Item1,
            ["label"] = i.Key.Item2,
            ["item"] = i.Key.Item3,
            ["stated"] = i.Value.Counts.Stated,
            ["inferred"] = i.Value.Counts.Inferred,
            ["derived"] = i.Value.Counts.Derived,
            ["total"] = i.Value.Total,
        }).ToArray();
        if (agencyRows.Length > 0 || itemRows.Length > 0)
        {
            await RunAsync(transaction, "apply_coverage_counts", cancellationToken, ("agencies", agencyRows), ("items", itemRows));
        }
    }

    /// <summary>
    /// Rebuilds the partner-overlap aggregate from the graph: every organization's rows (and those of ids that are no
    /// longer one) replaced by agency_item_counts.cypher's, a few agencies per transaction, each under the aggregate
    /// lock, so changes made meanwhile are neither lost nor counted twice. For recovery (<c>healthgraph aggregates
    /// rebuild</c>), after the migration that creates the aggregate and after every load.
    /// </summary>
    public async Task RebuildAggregatesAsync(CancellationToken cancellationToken = default)
    {
        await InitializeAsync(cancellationToken);
        await RebuildAsync(Client(), progress: null, cancellationToken);
    }

    /// <summary>Both aggregates: the partner-overlap aggregate agency by agency, then the goal-coverage links aligned item by aligned item.</summary>
    /// <remarks>Reports its steps as the phases "partner-overlap aggregate" (agencies), "agency pairs", "coverage links" and "coverage counts".</remarks>
    private static async Task RebuildAsync(QueryApiClient client, IProgress<LoadProgress>? progress, CancellationToken cancellationToken)
    {
        var agencies = await RebuildAgencyItemsAsync(client, progress, cancellationToken);
        await RebuildAgencyPairsAsync(client, agencies, progress, cancellationToken);
        await RebuildCoverageLinksAsync(client, progress, cancellationToken);
        await RebuildCoverageCountsAsync(client, progress, cancellationToken);
        await client.RunAsync(new QueryRequest(CypherResources.Get("mark_aggregates_current"), s_noParameters), cancellationToken);
    }

    /// <summary>
    /// Replaces every agency's partner-overlap rows (aggregate_agencies.cypher), agencies with at most
    /// <see cref="RebuildWorkPerStep"/> pieces of work in all per transaction, each under the aggregate lock.
    /// </summary>
    /// <returns>The agencies rebuilt.</returns>
    private static async Task<IReadOnlyCollection<string>> RebuildAgencyItemsAsync(QueryApiClient client, IProgress<LoadProgress>? progress, CancellationToken cancellationToken)
    {
        var rows = (await client.RunAsync(QueryRequest.Read(CypherResources.Get("aggregate_agencies"), s_noParameters), cancellationToken)).Rows;
        var work = rows.ToDictionary(r => Neo4jRows.Text(r["agency"])!, r => Neo4jRows.Long(r["work"]), StringComparer.Ordinal);
        string[] agencies = [.. work.Keys];

        // An agency a rebuild stopped while counting in ranges is counted in ranges again, so that its record ends.
        var stopped = (await client.RunAsync(QueryRequest.Read(CypherResources.Get("agency_rebuild_state"), s_noParameters), cancellationToken))
            .Rows.Select(r => Neo4jRows.Text(r["rebuilding"])).FirstOrDefault();
        var owner = Guid.NewGuid().ToString("N");
        var perRange = RebuildWorksPerRange;
        var done = 0L;
        bool InRanges(string agency) => agency == stopped || work[agency] > perRange;
        foreach (var step in Steps(agencies, a => InRanges(a) ? RebuildWorkPerStep + 1 : work[a], RebuildWorkPerStep))
        {
            progress?.Report(new LoadProgress("partner-overlap aggregate", done, agencies.Length));
            done += step.Length;
            if (step is [var agency] && InRanges(agency))
            {
                await RebuildAgencyInRangesAsync(client, agency, owner, perRange, cancellationToken);
            }
            else
            {
                await RebuildSplittingAsync(client, "rebuild_agency_items", "agencies", step, cancellationToken, ("works", null), ("limited", null), ("basis", null));
            }
        }

        if (stopped is not null && !agencies.Contains(stopped, StringComparer.Ordinal))
        {
            await RebuildAgencyInRangesAsync(client, stopped, owner, perRange, cancellationToken);
        }

        return agencies;
    }

    /// <summary>
    /// Rebuilds the partner-overlap rows of an agency with more work than a transaction should count, a range of its
    /// work ids at a time (agency_work_bounds.cypher), each range in a transaction of its own under the aggregate lock:
    /// the first deletes its rows (begin_agency_rebuild.cypher); each adds the counts through the work of its range
    /// (agency_work_page.cypher, agency_item_counts.cypher: the agency's rows only, added as a change's deltas are by
    /// apply_agency_items.cypher) and records how far the rows count (end_agency_rebuild.cypher). A change made between
    /// ranges counts the agency's work up to there and leaves the rest to the rebuild (<see cref="CountsThroughAsync(QueryApiTransaction, string[], AgencyRebuild?, CancellationToken)"/>).
    /// Its pairs are rebuilt after every agency's rows.
    /// </summary>
    private static async Task RebuildAgencyInRangesAsync(
        QueryApiClient client, string agency, string owner, long perRange, CancellationToken cancellationToken)
    {
        var bounds = (await client.RunAsync(
                QueryRequest.Read(CypherResources.Get("agency_work_bounds"), Parameters([("agency", agency), ("per", perRange)])), cancellationToken))
            .Rows.Select(r => Neo4jRows.Strings(r["bounds"])).FirstOrDefault() ?? [];
        var begun = await RebuildStepAsync(
            client, "begin_agency_rebuild", cancellationToken, ("agency", agency), ("owner", owner), ("leaseSeconds", (long)s_rebuildLease.TotalSeconds));
        if (Neo4jRows.Long(begun.Rows.Single()["begun"]) == 0)
        {
            throw new StoreRefusedException(
                $"Another aggregates rebuild is counting an agency's work in ranges. Wait for it to finish; if it has stopped, run the rebuild again "
                + $"{s_rebuildLease.TotalMinutes:0} minutes after its last step.");
        }

        var after = "";
        foreach (var through in bounds.Append(null))
        {
            await RunRebuildStepAsync(
                client,
                $"agency_work_page of {agency}",
                async transaction =>
                {
                    await LockAggregatesAsync(transaction, cancellationToken);
                    string[] page =
                    [
                        .. (await RunAsync(transaction, "agency_work_page", cancellationToken, ("agency", agency), ("after", after), ("through", through))).Rows
                            .Select(r => Neo4jRows.Text(r["id"])!),
                    ];
                    var deltas = (await CountsThroughAsync(transaction, page, cancellationToken))
                        .Where(c => c.Key.Agency == agency)
                        .Select(c => DeltaRow(c.Key, c.Value));
                    foreach (var batch in deltas.Chunk(BatchSize))
                    {
                        await RunAsync(transaction, "apply_agency_items", cancellationToken, ("deltas", batch));
                    }

                    var recorded = await RunAsync(transaction, "end_agency_rebuild", cancellationToken, ("agency", agency), ("owner", owner), ("through", through));
                    if (Neo4jRows.Long(recorded.Rows.Single()["recorded"]) == 0)
                    {
                        throw new StoreRefusedException($"Another aggregates rebuild took over the rebuild of {agency}'s rows; this one stops.");
                    }

                    return true;
                },
                cancellationToken);
            after = through ?? after;
            if (AfterRebuildRange is { } hook)
            {
                await hook();
            }
        }
    }

    /// <summary>
    /// Replaces the goal-coverage links a page of <see cref="WorksPerStatement"/> aligned items at a time
    /// (aligned_works.cypher), in steps of at most <see cref="RebuildLinksPerStep"/> links (an aligned item with more is
    /// a step alone), each step a transaction of its own under the aggregate lock.
    /// </summary>
    private static async Task RebuildCoverageLinksAsync(QueryApiClient client, IProgress<LoadProgress>? progress, CancellationToken cancellationToken)
    {
        string? after = null;
        var done = 0L;
        var alignments = (await client.RunAsync(QueryRequest.Read(CypherResources.Get("alignment_count"), s_noParameters), cancellationToken))
            .Rows.Select(r => Neo4jRows.Long(r["n"])).FirstOrDefault();
        while (true)
        {
            var page = (await client.RunAsync(
                    QueryRequest.Read(CypherResources.Get("aligned_works"), Parameters([("after", after), ("first", (long)WorksPerStatement)])), cancellationToken))
                .Rows.Select(r => Neo4jRows.Text(r["work"])!).ToArray();
            if (page.Length == 0)
            {
                progress?.Report(new LoadProgress("coverage links", done, done));
                return;
            }

            var links = (await client.RunAsync(QueryRequest.Read(CypherResources.Get("coverage_link_counts"), Parameters([("works", page)])), cancellationToken))
                .Rows.ToDictionary(r => Neo4jRows.Text(r["aligned"])!, r => Neo4jRows.Long(r["links"]), StringComparer.Ordinal);
            foreach (var step in Steps(page, work => links.GetValueOrDefault(work), RebuildLinksPerStep))
            {
                await RebuildSplittingAsync(client, "rebuild_coverage_links", "works", step, cancellationToken);
            }

            after = page[^1];
            done += page.Length;
            progress?.Report(new LoadProgress("coverage links", done, Math.Max(done, alignments))); // at most one aligned item per alignment
        }
    }

    /// <summary>
    /// Replaces the goal-coverage counts from the links, a few nodes (coverage_sdgs.cypher) per transaction, at most
    /// <see cref="RebuildCountedLinksPerStep"/> links read, under the aggregate lock.
    /// </summary>
    private static async Task RebuildCoverageCountsAsync(QueryApiClient client, IProgress<LoadProgress>? progress, CancellationToken cancellationToken)
    {
        var links = (await client.RunAsync(QueryRequest.Read(CypherResources.Get("coverage_sdgs"), s_noParameters), cancellationToken))
            .Rows.ToDictionary(r => Neo4jRows.Text(r["sdg"])!, r => Neo4jRows.Long(r["links"]), StringComparer.Ordinal);
        var limit = RebuildCountedLinksPerStep;
        string[] light = [.. links.Where(l => l.Value <= limit).Select(l => l.Key)];
        string[] heavy = [.. links.Where(l => l.Value > limit).Select(l => l.Key)];
        var done = 0L;
        foreach (var step in Steps(light, sdg => links[sdg], limit))
        {
            progress?.Report(new LoadProgress("coverage counts", done, links.Count));
            done += step.Length;
            await RebuildSplittingAsync(client, "rebuild_coverage_counts", "sdgs", step, cancellationToken);
        }

        foreach (var sdg in heavy)
        {
            progress?.Report(new LoadProgress("coverage counts", done++, links.Count));
            await RebuildHeavyCoverageCountsAsync(client, sdg, (int)limit, cancellationToken);
        }
    }

    /// <summary>
    /// Rebuilds the counts of an SDG node with more links than a transaction should hold: deletes its counts
    /// (clear_coverage_counts.cypher) and counts its keys again, a page of one agency's items per transaction
    /// (coverage_keys.cypher), by the same states and deltas as a change (every key of the page turns on).
    /// </summary>
    private static async Task RebuildHeavyCoverageCountsAsync(QueryApiClient client, string sdg, int keysPerStep, CancellationToken cancellationToken)
    {
        while (Neo4jRows.Long((await RebuildStepAsync(client, "clear_coverage_counts", cancellationToken, ("sdg", sdg), ("limit", (long)keysPerStep))).Rows[0]["deleted"]) > 0)
        {
        }

        var agencies = (await client.RunAsync(
                QueryRequest.Read(CypherResources.Get("coverage_keys"), Parameters([("sdg", sdg), ("agency", null), ("after", null), ("first", (long)keysPerStep)])),
                cancellationToken))
            .Rows.Select(r => Neo4jRows.Text(r["key"])!).Order(StringComparer.Ordinal).ToArray();
        foreach (var agency in agencies)
        {
            await PagesHalvedOnTimeoutAsync(
                keysPerStep,
                (after, page) => RunRebuildStepAsync(
                    client,
                    $"coverage_keys of {sdg} ({page} keys of {agency})",
                    transaction => CountCoverageKeysAsync(transaction, sdg, agency, after, page, cancellationToken),
                    cancellationToken,
                    attempts: page > 1 ? 1 : RebuildStepAttempts));
        }
    }

    /// <summary>
    /// Runs <paramref name="page"/> from the start (after null) until it returns null, each time after the last key the
    /// one before returned, at most <paramref name="size"/> keys a page. A page the server stops at its transaction
    /// timeout was rolled back, so its keys are counted again in pages half as big (down to one key, which is tried
    /// again as any rebuild step is): a page too big for a busy server still finishes.
    /// </summary>
    internal static async Task PagesHalvedOnTimeoutAsync(int size, Func<string?, int, Task<string?>> page)
    {
        string? after = null;
        while (true)
        {
            string? last;
            try
            {
                last = await page(after, size);
            }
            catch (Neo4jQueryException e) when (e.IsTransactionTimeout && size > 1)
            {
                size /= 2;
                continue;
            }

            if (last is null)
            {
                return; // a short page is the last: no transaction only to find nothing after it
            }

            after = last;
        }
    }

    /// <summary>
    /// One page of <paramref name="agency"/>'s coverage keys of <paramref name="sdg"/> after <paramref name="after"/>,
    /// counted under the aggregate lock; the last key, or null when the page was the last.
    /// </summary>
    private static async Task<string?> CountCoverageKeysAsync(
        QueryApiTransaction transaction, string sdg, string agency, string? after, int keysPerStep, CancellationToken cancellationToken)
    {
        await RunAsync(transaction, "lock_aggregates", cancellationToken);
        var items = (await RunAsync(
                transaction, "coverage_keys", cancellationToken, ("sdg", sdg), ("agency", agency), ("after", after), ("first", (long)keysPerStep)))
            .Rows.Select(r => Neo4jRows.Text(r["key"])!).ToArray();
        var keys = items.Select(item => new Dictionary<string, object?>(StringComparer.Ordinal)
        {
            ["sdg"] = sdg,
            ["agency"] = agency,
            ["item"] = item,
        }).ToArray();
        var states = await CoverageKeyStatesAsync(transaction, keys, cancellationToken);
        await ApplyCoverageCountDeltasAsync(transaction, states.ToDictionary(s => s.Key, _ => default(CoverageKeyState)), states, cancellationToken);
        return items.Length < keysPerStep ? null : items[^1];
    }

    /// <summary>A step of a rebuild: the statement of <paramref name="file"/> in a transaction of its own, under the aggregate lock.</summary>
    private static Task<QueryResult> RebuildStepAsync(
        QueryApiClient client, string file, CancellationToken cancellationToken, params (string Name, object? Value)[] parameters) =>
        RunRebuildStepAsync(client, file, LockedStatement(file, parameters, cancellationToken), cancellationToken);

    /// <summary>The statement of <paramref name="file"/> under the aggregate lock (lock_aggregates.cypher), as a rebuild step's work.</summary>
    private static Func<QueryApiTransaction, Task<QueryResult>> LockedStatement(
        string file, (string Name, object? Value)[] parameters, CancellationToken cancellationToken) =>
        async transaction =>
        {
            await RunAsync(transaction, "lock_aggregates", cancellationToken);
            return await RunAsync(transaction, file, cancellationToken, parameters);
        };

    /// <summary>
    /// A step of a rebuild over <paramref name="items"/> (the statement's <paramref name="name"/> parameter): when the server
    /// stops it at its transaction timeout, its two halves are run apart, each split again as it needs, so that a step too
    /// big for a busy server still finishes; one item alone is tried again as <see cref="RunRebuildStepAsync{T}"/> tries it.
    /// Every rebuild statement replaces the rows of the items it is given, so a half is the same work as its part of the whole.
    /// </summary>
    private static async Task RebuildSplittingAsync(
        QueryApiClient client, string file, string name, string[] items, CancellationToken cancellationToken, params (string Name, object? Value)[] others)
    {
        (string Name, object? Value)[] parameters = [(name, items), .. others];
        if (items.Length == 1)
        {
            await RebuildStepAsync(client, file, cancellationToken, parameters);
            return;
        }

        try
        {
            await RunRebuildStepAsync(client, file, LockedStatement(file, parameters, cancellationToken), cancellationToken, attempts: 1);
        }
        catch (Neo4jQueryException e) when (e.IsTransactionTimeout)
        {
            var half = items.Length / 2;
            client.Logger.LogWarning(
                "The aggregates rebuild's step {File} over {Count} items passed the server's transaction timeout; running it as two steps of {First} and {Second}",
                file, items.Length, half, items.Length - half);
            await RebuildSplittingAsync(client, file, name, items[..half], cancellationToken, others);
            await RebuildSplittingAsync(client, file, name, items[half..], cancellationToken, others);
        }
    }

    /// <summary>Times a step of a rebuild is tried when the server stops it at its transaction timeout.</summary>
    private const int RebuildStepAttempts = 3;

    /// <summary>
    /// A step of a rebuild as one transaction (<see cref="QueryApiClient.RunInTransactionAsync{T}"/>), tried again when the
    /// server stopped it at <c>db.transaction.timeout</c>: every step replaces the rows it counts, so a step the server rolled
    /// back is safe to repeat, and a step that is far below the timeout on a quiet server (2.3 s at most at 20,000 pieces of
    /// work) can pass it on a busy one. The drivers never retry that error, because an ordinary write that timed out may be
    /// too big to ever fit; a rebuild's steps are bounded, so only a rebuild does.
    /// </summary>
    private static async Task<T> RunRebuildStepAsync<T>(
        QueryApiClient client, string what, Func<QueryApiTransaction, Task<T>> step, CancellationToken cancellationToken, int attempts = RebuildStepAttempts)
    {
        for (var attempt = 1; ; attempt++)
        {
            var started = Stopwatch.GetTimestamp();
            try
            {
                return await client.RunInTransactionAsync(
                    async transaction =>
                    {
                        var result = await step(transaction);
                        if (BeforeRebuildStepCommits is { } hook)
                        {
                            await hook(transaction);
                        }

                        return result;
                    },
                    cancellationToken);
            }
            catch (Neo4jQueryException e) when (e.IsTransactionTimeout)
            {
                client.Logger.LogWarning(
                    "The aggregates rebuild's step {Step} passed the server's transaction timeout after {Seconds:0.0} s (attempt {Attempt} of {Attempts})",
                    what, Stopwatch.GetElapsedTime(started).TotalSeconds, attempt, attempts);
                if (attempt >= attempts)
                {
                    throw;
                }
            }
        }
    }

    /// <summary>Consecutive runs of <paramref name="items"/> whose weights add up to at most <paramref name="limit"/> (an item heavier than it, alone).</summary>
    internal static IEnumerable<T[]> Steps<T>(IReadOnlyList<T> items, Func<T, long> weight, long limit)
    {
        var step = new List<T>();
        long sum = 0;
        foreach (var item in items)
        {
            var w = weight(item);
            if (step.Count > 0 && sum + w > limit)
            {
                yield return [.. step];
                step.Clear();
                sum = 0;
            }

            step.Add(item);
            sum += w;
        }

        if (step.Count > 0)
        {
            yield return [.. step];
        }
    }

    /// <summary>
    /// The aggregates compared with recomputations: every agency's partner-overlap rows with agency_links.cypher read from
    /// the agencies (not through the work a change alters, as the maintenance reads it), as "agency dimension item: stored
    /// (stated, inferred, derived), recomputed (…)"; then every SDG goal's and target's work read from the coverage links with
    /// sdg_work.cypher, which expands the graph from the SDG node. At most <paramref name="first"/> differences are listed.
    /// </summary>
    public async Task<AggregateCheck> CheckAggregatesAsync(int first = 20, CancellationToken cancellationToken = default)
    {
        await InitializeAsync(cancellationToken);
        var client = Client();
        var agencies = (await client.RunAsync(QueryRequest.Read(CypherResources.Get("aggregate_agencies"), s_noParameters), cancellationToken))
            .Rows.Select(r => Neo4jRows.Text(r["agency"])!).ToArray();
        var differences = new List<string>();
        var items = new List<(AgencyItem Row, BasisCounts Counts)>();
        long rows = 0;
        foreach (var step in agencies.Chunk(CheckAgenciesPerStep))
        {
            var storedRows = (await client.RunAsync(
                    QueryRequest.Read(CypherResources.Get("stored_agency_items"), Parameters([("agencies", step)])), cancellationToken)).Rows;
            items.AddRange(storedRows.Select(r => (
                new AgencyItem(Neo4jRows.Text(r["agency"])!, DimensionCodes.Parse(Neo4jRows.Text(r["dimension"])!), Neo4jRows.Text(r["item"])!),
                Counts(r))));
            var stored = storedRows.ToDictionary(Key, Counts);
            var recomputed = (await client.RunAsync(
                    QueryRequest.Read(CypherResources.Get("agency_item_counts"), Parameters([("agencies", step), ("works", null), ("limited", null), ("basis", null)])),
                    cancellationToken))
                .Rows.ToDictionary(Key, Counts);
            rows += stored.Count;
            differences.AddRange(AggregateCheck.Compare(stored, recomputed));
        }

        var sdgs = (await client.RunAsync(QueryRequest.Read(CypherResources.Get("sdg_nodes"), s_noParameters), cancellationToken))
            .Rows.Select(r => Neo4jRows.Text(r["id"])!).ToArray();
        // Sized by the links stored for each node (every node weighs at least one, and every node is compared).
        var links = (await client.RunAsync(QueryRequest.Read(CypherResources.Get("coverage_sdgs"), s_noParameters), cancellationToken))
            .Rows.ToDictionary(r => Neo4jRows.Text(r["sdg"])!, r => Neo4jRows.Long(r["links"]), StringComparer.Ordinal);
        foreach (var step in Steps(sdgs, sdg => 1 + links.GetValueOrDefault(sdg), CheckLinksPerStep))
        {
            var stored = await ReadCoverageAsync(step, basis: null, first: null, cancellationToken);
            var recomputed = await ReadSdgWorkAsync(step, withTargets: false, basis: null, first: null, limited: null, cancellationToken);
            differences.AddRange(AggregateCheck.CompareWork(stored, recomputed));
        }

        differences.AddRange(await CheckAgencyPairsAsync(client, items, cancellationToken));
        return new AggregateCheck(rows, [.. differences.Take(first)], differences.Count);

        static string Key(QueryRow r) =>
            $"{Neo4jRows.Text(r["agency"])} {Neo4jRows.Text(r["dimension"])} {Neo4jRows.Text(r["item"])}";
    }
}
