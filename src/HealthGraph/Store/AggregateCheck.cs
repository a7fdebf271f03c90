namespace HealthGraph.Store;

/// <summary>
/// A store whose coordination answers read aggregates it keeps current on every write (the SQLite store's tables, the
/// Neo4j store's AgencyItem, AgencyPair and CoverageLink nodes): they can be rebuilt from the graph and compared with a recomputation.
/// </summary>
public interface IAggregateStore
{
    /// <summary>Rebuilds the aggregates from the graph: for recovery, or after writing to the database by other means.</summary>
    Task RebuildAggregatesAsync(CancellationToken cancellationToken = default);

    /// <summary>
    /// Compares the aggregates with a recomputation from their definitions read at the time of the check, apart from the
    /// code that maintains them: every agency's partner-overlap rows with agency_links (.sql, .cypher) (and, in Neo4j, the
    /// pair counts with OverlapCounting over those rows), and every SDG
    /// goal's and target's work read from the goal-coverage aggregate with sdg_work (.sql, .cypher).
    /// </summary>
    Task<AggregateCheck> CheckAggregatesAsync(int first = 20, CancellationToken cancellationToken = default);
}

/// <summary>
/// What a consistency check found: how many rows the aggregate holds, and the keys whose stored counts differ from the
/// recomputed ones (the first of them, and how many in all).
/// </summary>
public sealed record AggregateCheck(long Rows, IReadOnlyList<string> Differences, int DifferenceCount)
{
    public bool IsExact => DifferenceCount == 0;

    /// <summary>The keys of either whose counts by basis differ, in key order, each as "key: stored …, recomputed …".</summary>
    public static IEnumerable<string> Compare(IReadOnlyDictionary<string, BasisCounts> stored, IReadOnlyDictionary<string, BasisCounts> recomputed) =>
        stored.Keys.Union(recomputed.Keys)
            .Order(StringComparer.Ordinal)
            .Where(key => stored.GetValueOrDefault(key) != recomputed.GetValueOrDefault(key))
            .Select(key => $"{key}: stored {Show(stored, key)}, recomputed {Show(recomputed, key)}");

    /// <summary>The keys of either whose counts differ (a missing key counts 0), in key order, each as "key: stored n, recomputed m".</summary>
    public static IEnumerable<string> Compare(IReadOnlyDictionary<string, long> stored, IReadOnlyDictionary<string, long> recomputed) =>
        stored.Keys.Union(recomputed.Keys)
            .Order(StringComparer.Ordinal)
            .Where(key => stored.GetValueOrDefault(key) != recomputed.GetValueOrDefault(key))
            .Select(key => $"{key}: stored {stored.GetValueOrDefault(key)}, recomputed {recomputed.GetValueOrDefault(key)}");

    /// <summary>The SDG nodes whose work, read from the goal-coverage aggregate, differs from its recomputation, each as "coverage id: …".</summary>
    public static IEnumerable<string> CompareWork(IReadOnlyDictionary<string, SdgWork> stored, IReadOnlyDictionary<string, SdgWork> recomputed) =>
        stored.Keys.Union(recomputed.Keys)
            .Order(StringComparer.Ordinal)
            .Select(id => (Id: id, Stored: Describe(stored.GetValueOrDefault(id)), Recomputed: Describe(recomputed.GetValueOrDefault(id))))
            .Where(w => w.Stored != w.Recomputed)
            .Select(w => $"coverage {w.Id}: stored {w.Stored}; recomputed {w.Recomputed}");

    /// <summary>Everything an SDG node's work says, in one line: counts, agencies, items and each contribution's link ("none" for no work).</summary>
    private static string Describe(SdgWork? work) => work is null or { ContributionCount: 0, AgencyIds.Count: 0, DeliverableCount: 0, OutcomeCount: 0 }
        ? "none"
        : $"{work.ContributionCount} contributions, {work.DeliverableCount} deliverables, {work.OutcomeCount} outcomes; agencies {string.Join(',', work.AgencyIds)}; "
          + $"items {string.Join(',', work.DeliverableIds.Concat(work.OutcomeIds))}; "
          + string.Join(',', work.Contributions.Select(c => $"{c.AgencyId}>{c.Item.Id}[{c.Item.Label}] {c.Basis} {c.Reason} {(c.ViaOutcome ? "via outcome" : "direct")}"));

    private static string Show(IReadOnlyDictionary<string, BasisCounts> counts, string key) =>
        counts.TryGetValue(key, out var c) ? c.ToString() : "none";
}
