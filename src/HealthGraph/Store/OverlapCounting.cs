using HealthGraph.Graph;

namespace HealthGraph.Store;

/// <summary>One row of a store's partner-overlap aggregate (SQLite's agency_item, Neo4j's AgencyItem nodes): an agency has an item in a dimension.</summary>
internal sealed record AgencyItem(string Agency, OverlapDimension Dimension, string Item);

/// <summary>How many items two agencies (A before B by id) share in a dimension.</summary>
internal readonly record struct PairCount(string AgencyA, string AgencyB, OverlapDimension Dimension, int Shared);

/// <summary>
/// Partner overlaps: which pairs share items, and how many, in each dimension. The rule is written once here: a pair
/// shares an item when both agencies have a row for it (of the basis counted), a pair is listed when it shares anything,
/// with every dimension in which either agency has something, and the counts are the shared rows and each agency's rows.
/// A store either counts the pairs from the aggregate's rows (<see cref="Pairs"/>) or keeps the counts itself and
/// assembles them (<see cref="Assemble"/>, checked against <see cref="Pairs"/> by its consistency check).
/// </summary>
internal static class OverlapCounting
{
    /// <summary>
    /// The pairs (by id, A before B) that share at least one item, from the aggregate's rows in (dimension, item, agency)
    /// order. The work grows with the pairs that share an item, not with the graph.
    /// </summary>
    public static IReadOnlyList<PartnerOverlap> Pairs(IReadOnlyList<AgencyItem> rows, Basis? basis)
    {
        var sizes = new Dictionary<(string, OverlapDimension), int>();
        var shared = new Dictionary<(string, string, OverlapDimension), int>();
        var holders = new List<string>();

        void ClosePairs(OverlapDimension dimension)
        {
            holders.Sort(StringComparer.Ordinal);
            for (var i = 0; i < holders.Count; i++)
            {
                for (var j = i + 1; j < holders.Count; j++)
                {
                    var (a, b) = (holders[i], holders[j]);
                    shared[(a, b, dimension)] = shared.GetValueOrDefault((a, b, dimension)) + 1;
                }
            }

            holders.Clear();
        }

        AgencyItem? previous = null;
        foreach (var row in rows)
        {
            if (previous is not null && (previous.Dimension != row.Dimension || previous.Item != row.Item))
            {
                ClosePairs(previous.Dimension);
            }

            sizes[(row.Agency, row.Dimension)] = sizes.GetValueOrDefault((row.Agency, row.Dimension)) + 1;
            holders.Add(row.Agency);
            previous = row;
        }

        if (previous is not null)
        {
            ClosePairs(previous.Dimension);
        }

        return Assemble([.. shared.Select(s => new PairCount(s.Key.Item1, s.Key.Item2, s.Key.Item3, s.Value))], sizes, basis);
    }

    /// <summary>
    /// The pairs among the work in a limit, from the rows a limited question recomputes
    /// (<see cref="IGraphStore.GetLimitedAgencyItemsAsync"/>), by the same rule as <see cref="Pairs"/>: only the rows of
    /// <paramref name="among"/> (null: every agency) and of <paramref name="dimension"/> (null: every dimension), each
    /// dimension of a pair with the items both share (<see cref="DimensionOverlap.SharedItems"/>, by id).
    /// </summary>
    public static IReadOnlyList<PartnerOverlap> Limited(
        IReadOnlyList<AgencyItemLinks> rows, Basis? basis, IReadOnlyCollection<string>? among = null, OverlapDimension? dimension = null)
    {
        var only = among?.ToHashSet(StringComparer.Ordinal);
        List<AgencyItem> items =
        [
            .. rows.Where(r => (only is null || only.Contains(r.Agency)) && (dimension is null || r.Dimension == dimension))
                .Select(r => new AgencyItem(r.Agency, r.Dimension, r.Item)),
        ];
        var held = items.ToLookup(i => (i.Agency, i.Dimension), i => i.Item);
        IReadOnlyList<string> Shared(PartnerOverlap pair, OverlapDimension d) =>
            [.. held[(pair.AgencyA, d)].Intersect(held[(pair.AgencyB, d)], StringComparer.Ordinal).Order(StringComparer.Ordinal)];
        return
        [
            .. Pairs(items, basis).Select(pair => pair with
            {
                Dimensions = [.. pair.Dimensions.Select(d => d with { SharedItems = d.SharedCount == 0 ? [] : Shared(pair, d.Dimension) })],
            }),
        ];
    }

    /// <summary>
    /// The pairs of <paramref name="counts"/> (those above 0), by A then B, each with every dimension in which either
    /// agency has something (<paramref name="sizes"/>: how many items an agency has in a dimension), in dimension order.
    /// </summary>
    public static IReadOnlyList<PartnerOverlap> Assemble(
        IReadOnlyCollection<PairCount> counts, IReadOnlyDictionary<(string Agency, OverlapDimension Dimension), int> sizes, Basis? basis)
    {
        var dimensions = sizes.Keys.Select(k => k.Dimension).Distinct().Order().ToList();
        return
        [
            .. counts
                .Where(c => c.Shared > 0)
                .GroupBy(c => (c.AgencyA, c.AgencyB))
                .OrderBy(g => g.Key.AgencyA, StringComparer.Ordinal)
                .ThenBy(g => g.Key.AgencyB, StringComparer.Ordinal)
                .Select(pair =>
                {
                    var (a, b) = pair.Key;
                    var sharedIn = pair.ToDictionary(c => c.Dimension, c => c.Shared);
                    return new PartnerOverlap(a, b, basis,
                    [
                        .. dimensions
                            .Select(d => (Dimension: d, Shared: sharedIn.GetValueOrDefault(d), A: sizes.GetValueOrDefault((a, d)), B: sizes.GetValueOrDefault((b, d))))
                            .Where(d => d.Shared > 0 || d.A > 0 || d.B > 0)
                            .Select(d => new DimensionOverlap(new SharedItemsKey(a, b, d.Dimension, basis), d.Shared, d.A, d.B)),
                    ]);
                }),
        ];
    }
}
