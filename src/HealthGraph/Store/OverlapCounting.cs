namespace HealthGraph.Store;

/// <summary>One row of a store's partner-overlap aggregate (SQLite's agency_item, Neo4j's AgencyItem nodes): an agency has an item in a dimension.</summary>
internal sealed record AgencyItem(string Agency, OverlapDimension Dimension, SharedItem Item);

/// <summary>
/// Partner overlaps from the aggregate's rows of the agencies asked about, in (dimension, item, agency) order. Each
/// item's agencies are grouped and every pair of them gets the item; the work grows with the pairs that share an item,
/// not with the graph, and only the pairs returned are counted.
/// </summary>
internal static class OverlapCounting
{
    private static readonly int s_dimensionCount = Enum.GetValues<OverlapDimension>().Length;

    /// <summary>
    /// The pairs (by id, A before B) that share at least one item, each with every dimension in which either has
    /// something (dimensions and shared items in the order of their codes and ids); with <paramref name="onlyWith"/>,
    /// only the pairs one of those agencies is in.
    /// </summary>
    public static IReadOnlyList<PartnerOverlap> Pairs(IReadOnlyList<AgencyItem> rows, IReadOnlyCollection<string>? onlyWith = null)
    {
        // Agencies by number, in id order, so that a pair (i < j) is (A, B) by id and pairs sort as numbers.
        var agencies = rows.Select(r => r.Agency).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();
        var numbers = new Dictionary<string, int>(agencies.Length, StringComparer.Ordinal);
        foreach (var agency in agencies)
        {
            numbers[agency] = numbers.Count;
        }

        var only = onlyWith?.Select(a => numbers.GetValueOrDefault(a, -1)).Where(n => n >= 0).ToHashSet();
        var sizes = new int[agencies.Length, s_dimensionCount];
        var dimensions = new List<OverlapDimension>();
        var shared = new Dictionary<long, List<SharedItem>?[]>();
        var holders = new List<int>();

        void ClosePairs(OverlapDimension dimension, SharedItem item)
        {
            holders.Sort();
            for (var i = 0; i < holders.Count; i++)
            {
                for (var j = i + 1; j < holders.Count; j++)
                {
                    var (a, b) = (holders[i], holders[j]);
                    if (only is not null && !only.Contains(a) && !only.Contains(b))
                    {
                        continue;
                    }

                    var key = ((long)a * agencies.Length) + b;
                    if (!shared.TryGetValue(key, out var byDimension))
                    {
                        shared[key] = byDimension = new List<SharedItem>?[s_dimensionCount];
                    }

                    (byDimension[(int)dimension] ??= []).Add(item);
                }
            }

            holders.Clear();
        }

        AgencyItem? previous = null;
        foreach (var row in rows)
        {
            if (previous is not null && (previous.Dimension != row.Dimension || previous.Item.Id != row.Item.Id))
            {
                ClosePairs(previous.Dimension, previous.Item);
            }

            if (dimensions.Count == 0 || dimensions[^1] != row.Dimension)
            {
                dimensions.Add(row.Dimension);
            }

            var number = numbers[row.Agency];
            sizes[number, (int)row.Dimension]++;
            holders.Add(number);
            previous = row;
        }

        if (previous is not null)
        {
            ClosePairs(previous.Dimension, previous.Item);
        }

        var pairs = new List<PartnerOverlap>(shared.Count);
        foreach (var key in shared.Keys.Order())
        {
            var (a, b) = ((int)(key / agencies.Length), (int)(key % agencies.Length));
            var byDimension = shared[key];
            pairs.Add(new PartnerOverlap(agencies[a], agencies[b],
            [
                .. dimensions
                    .Where(d => byDimension[(int)d] is not null || sizes[a, (int)d] > 0 || sizes[b, (int)d] > 0)
                    .Select(d => new DimensionOverlap(d, byDimension[(int)d]?.Count ?? 0, sizes[a, (int)d], sizes[b, (int)d], byDimension[(int)d] ?? [])),
            ]));
        }

        return pairs;
    }
}
