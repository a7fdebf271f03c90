using HealthGraph.Graph;
using HealthGraph.Store.Neo4j.Client;

namespace HealthGraph.Store.Neo4j;

/// <summary>
/// The partner-overlap aggregate's pair counts (Migrations/0005_agency_pairs.cypher): (:AgencyPair) per pair of agencies
/// and dimension, (:AgencySize) per agency and dimension, each by basis. A change moves them by the AgencyItem rows it
/// turns on or off for a basis (<see cref="ApplyAgencyPairDeltasAsync"/>); a rebuild recounts them from the rows; the
/// check compares them with <see cref="OverlapCounting"/> over the rows.
/// </summary>
public sealed partial class Neo4jGraphStore
{
    /// <summary>Agencies per transaction when their sizes and shares are rebuilt (a few nodes each).</summary>
    private const int RebuildSizesPerStep = 100;

    /// <summary>
    /// The bases a pair count is kept for (each node's property of that name; a size's share is "shared" and the name),
    /// with whether a row's counts have it.
    /// </summary>
    private static readonly (string Name, Basis? Basis, Func<BasisCounts, bool> Has)[] s_pairBases =
    [
        ("any", null, counts => counts.Total > 0),
        ("stated", Basis.Stated, counts => counts.Stated > 0),
        ("inferred", Basis.Inferred, counts => counts.Inferred > 0),
        ("derived", Basis.Derived, counts => counts.Derived > 0),
    ];

    /// <summary>An AgencyItem row's counts before and after a change (apply_agency_items.cypher's rows).</summary>
    private readonly record struct AgencyItemChange(AgencyItemKey Key, BasisCounts Before, BasisCounts After);

    /// <summary>
    /// Moves the pair counts and sizes by the rows that turned on or off for a basis: for each such item, the pairs its
    /// holders form after the change less those they formed before (each pair once), read from the holders after the
    /// change (agency_item_holders.cypher); written by apply_agency_pairs.cypher.
    /// </summary>
    private static async Task ApplyAgencyPairDeltasAsync(
        QueryApiTransaction transaction, IReadOnlyList<AgencyItemChange> changes, CancellationToken cancellationToken)
    {
        // Per basis, item: the agencies that gained it and those that lost it.
        var flips = new Dictionary<(int Basis, string Dimension, string Item), (HashSet<string> Added, HashSet<string> Removed)>();
        foreach (var change in changes)
        {
            for (var b = 0; b < s_pairBases.Length; b++)
            {
                var was = s_pairBases[b].Has(change.Before);
                var isNow = s_pairBases[b].Has(change.After);
                if (was == isNow)
                {
                    continue;
                }

                var key = (b, change.Key.Dimension, change.Key.Item);
                if (!flips.TryGetValue(key, out var flip))
                {
                    flips[key] = flip = (new HashSet<string>(StringComparer.Ordinal), new HashSet<string>(StringComparer.Ordinal));
                }

                (isNow ? flip.Added : flip.Removed).Add(change.Key.Agency);
            }
        }

        if (flips.Count == 0)
        {
            return;
        }

        var items = flips.Keys.Select(k => (k.Dimension, k.Item)).Distinct().ToArray();
        var holders = new Dictionary<(string Dimension, string Item), List<(string Agency, BasisCounts Counts)>>();
        foreach (var batch in items.Chunk(BatchSize))
        {
            var keys = batch.Select(k => new Dictionary<string, object?>(StringComparer.Ordinal) { ["dimension"] = k.Dimension, ["item"] = k.Item }).ToArray();
            foreach (var row in (await RunAsync(transaction, "agency_item_holders", cancellationToken, ("items", keys))).Rows)
            {
                var key = (Neo4jRows.Text(row["dimension"])!, Neo4jRows.Text(row["item"])!);
                if (!holders.TryGetValue(key, out var list))
                {
                    holders[key] = list = [];
                }

                list.Add((Neo4jRows.Text(row["agency"])!, Counts(row)));
            }
        }

        var pairs = new Dictionary<(string A, string B, string Dimension), long[]>();
        var sizes = new Dictionary<(string Agency, string Dimension), long[]>();
        long[] CountsOf<TKey>(Dictionary<TKey, long[]> all, TKey key)
            where TKey : notnull
        {
            if (!all.TryGetValue(key, out var counts))
            {
                all[key] = counts = new long[2 * s_pairBases.Length];
            }

            return counts;
        }

        void Pair(int basis, string dimension, string x, string y, int sign)
        {
            var (a, b) = string.CompareOrdinal(x, y) < 0 ? (x, y) : (y, x);
            CountsOf(pairs, (a, b, dimension))[basis] += sign;
            CountsOf(sizes, (a, dimension))[s_pairBases.Length + basis] += sign;
            CountsOf(sizes, (b, dimension))[s_pairBases.Length + basis] += sign;
        }

        foreach (var ((basis, dimension, item), (added, removed)) in flips)
        {
            var has = s_pairBases[basis].Has;
            var after = holders.GetValueOrDefault((dimension, item), [])
                .Where(h => has(h.Counts))
                .Select(h => h.Agency)
                .ToHashSet(StringComparer.Ordinal);
            var before = after.Except(added).Union(removed).ToHashSet(StringComparer.Ordinal);
            foreach (var agency in added)
            {
                CountsOf(sizes, (agency, dimension))[basis]++;
                foreach (var other in after.Where(o => o != agency && !(added.Contains(o) && string.CompareOrdinal(o, agency) < 0)))
                {
                    Pair(basis, dimension, agency, other, +1);
                }
            }

            foreach (var agency in removed)
            {
                CountsOf(sizes, (agency, dimension))[basis]--;
                foreach (var other in before.Where(o => o != agency && !(removed.Contains(o) && string.CompareOrdinal(o, agency) < 0)))
                {
                    Pair(basis, dimension, agency, other, -1);
                }
            }
        }

        var pairRows = pairs.Where(p => p.Value.Any(c => c != 0)).Select(p =>
        {
            var row = new Dictionary<string, object?>(StringComparer.Ordinal) { ["a"] = p.Key.A, ["b"] = p.Key.B, ["dimension"] = p.Key.Dimension };
            for (var b = 0; b < s_pairBases.Length; b++)
            {
                row[s_pairBases[b].Name] = p.Value[b];
            }

            return row;
        }).ToArray();
        var sizeRows = sizes.Where(s => s.Value.Any(c => c != 0)).Select(s =>
        {
            var row = new Dictionary<string, object?>(StringComparer.Ordinal) { ["agency"] = s.Key.Agency, ["dimension"] = s.Key.Dimension };
            for (var b = 0; b < s_pairBases.Length; b++)
            {
                row[s_pairBases[b].Name] = s.Value[b];
                row[SharedProperty(s_pairBases[b].Name)] = s.Value[s_pairBases.Length + b];
            }

            return row;
        }).ToArray();
        for (var i = 0; i < Math.Max(pairRows.Length, sizeRows.Length); i += BatchSize)
        {
            await RunAsync(
                transaction, "apply_agency_pairs", cancellationToken, ("pairs", pairRows.Skip(i).Take(BatchSize).ToArray()), ("sizes", sizeRows.Skip(i).Take(BatchSize).ToArray()));
        }
    }

    /// <summary>
    /// Recounts the pairs from the AgencyItem rows, one agency per transaction (its pairs with the agencies after it: at
    /// most one node per other agency and dimension), then the sizes and shares a few agencies per transaction, each
    /// under the aggregate lock. <paramref name="agencies"/>: every agency that may have rows, pairs or sizes.
    /// </summary>
    private static async Task RebuildAgencyPairsAsync(
        QueryApiClient client, IReadOnlyCollection<string> agencies, IProgress<LoadProgress>? progress, CancellationToken cancellationToken)
    {
        var sized = (await client.RunAsync(QueryRequest.Read(CypherResources.Get("stored_agency_sizes"), s_noParameters), cancellationToken))
            .Rows.Select(r => Neo4jRows.Text(r["agency"])!);
        string[] all = [.. agencies.Union(sized, StringComparer.Ordinal).Order(StringComparer.Ordinal)];
        for (var i = 0; i < all.Length; i++)
        {
            progress?.Report(new LoadProgress("agency pairs", i, all.Length));
            await RebuildStepAsync(client, "rebuild_agency_pairs", cancellationToken, ("agencies", new[] { all[i] }));
        }

        foreach (var step in all.Chunk(RebuildSizesPerStep))
        {
            await RebuildSplittingAsync(client, "rebuild_agency_sizes", "agencies", step, cancellationToken);
        }
    }

    /// <summary>
    /// The pair counts and sizes compared with <see cref="OverlapCounting"/> over every AgencyItem row (<paramref name="items"/>,
    /// as stored, with their counts), for each basis, as "pair a b DIMENSION basis: stored n, recomputed m" and
    /// "size agency DIMENSION basis: …" (shares as "share …").
    /// </summary>
    private static async Task<IEnumerable<string>> CheckAgencyPairsAsync(
        QueryApiClient client, IReadOnlyList<(AgencyItem Row, BasisCounts Counts)> items, CancellationToken cancellationToken)
    {
        // In the order OverlapCounting reads them, as agency_items.cypher returns them: by dimension, item and agency.
        var ordered = items
            .OrderBy(i => DimensionCodes.Of(i.Row.Dimension), StringComparer.Ordinal)
            .ThenBy(i => i.Row.Item, StringComparer.Ordinal)
            .ThenBy(i => i.Row.Agency, StringComparer.Ordinal)
            .ToList();
        var stored = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var row in (await client.RunAsync(QueryRequest.Read(CypherResources.Get("stored_agency_pairs"), s_noParameters), cancellationToken)).Rows)
        {
            foreach (var (name, _, _) in s_pairBases)
            {
                stored[$"pair {Neo4jRows.Text(row["a"])} {Neo4jRows.Text(row["b"])} {Neo4jRows.Text(row["dimension"])} {name}"] = Neo4jRows.Long(row[name]);
            }
        }

        foreach (var row in (await client.RunAsync(QueryRequest.Read(CypherResources.Get("stored_agency_sizes"), s_noParameters), cancellationToken)).Rows)
        {
            foreach (var (name, _, _) in s_pairBases)
            {
                var key = $"{Neo4jRows.Text(row["agency"])} {Neo4jRows.Text(row["dimension"])} {name}";
                stored["size " + key] = Neo4jRows.Long(row[name]);
                stored["share " + key] = Neo4jRows.Long(row[SharedProperty(name)]);
            }
        }

        var recomputed = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var (name, basis, has) in s_pairBases)
        {
            List<AgencyItem> rows = [.. ordered.Where(i => has(i.Counts)).Select(i => i.Row)];
            foreach (var group in rows.GroupBy(r => (r.Agency, r.Dimension)))
            {
                recomputed[$"size {group.Key.Agency} {DimensionCodes.Of(group.Key.Dimension)} {name}"] = group.Count();
            }

            foreach (var pair in OverlapCounting.Pairs(rows, basis))
            {
                foreach (var dimension in pair.Dimensions.Where(d => d.SharedCount > 0))
                {
                    var code = DimensionCodes.Of(dimension.Dimension);
                    recomputed[$"pair {pair.AgencyA} {pair.AgencyB} {code} {name}"] = dimension.SharedCount;
                    foreach (var agency in new[] { pair.AgencyA, pair.AgencyB })
                    {
                        recomputed[$"share {agency} {code} {name}"] = recomputed.GetValueOrDefault($"share {agency} {code} {name}") + dimension.SharedCount;
                    }
                }
            }
        }

        return AggregateCheck.Compare(
            stored.Where(s => s.Value != 0).ToDictionary(s => s.Key, s => s.Value, StringComparer.Ordinal), recomputed);
    }

    /// <summary>The AgencySize property of a basis's share: "sharedAny", "sharedStated"...</summary>
    private static string SharedProperty(string basis) => "shared" + char.ToUpperInvariant(basis[0]) + basis[1..];
}
