namespace HealthGraph.Store.Sqlite;

/// <summary>One row of the partner-overlap aggregate: an agency has an item in a dimension.</summary>
internal sealed record AgencyItem(string Agency, OverlapDimension Dimension, SharedItem Item);

/// <summary>
/// Partner overlaps from the aggregate's rows of the agencies asked about, in (dimension, item, agency) order. Each
/// item's agencies are grouped and every pair of them gets the item; the work grows with the pairs that share an item,
/// not with the graph, and only the pairs returned are counted.
/// </summary>
internal static class OverlapCounting
{
    /// <summary>
    /// The pairs (by id, A before B) that share at least one item, each with every dimension in which either has
    /// something (dimensions and shared items in the order of their codes and ids); with <paramref name="onlyWith"/>,
    /// only the pairs that agency is in.
    /// </summary>
    public static IReadOnlyList<PartnerOverlap> Pairs(IReadOnlyList<AgencyItem> rows, string? onlyWith = null)
    {
        var sizes = new Dictionary<(string Agency, OverlapDimension Dimension), int>();
        var dimensions = new List<OverlapDimension>();
        var shared = new Dictionary<(string A, string B), Dictionary<OverlapDimension, List<SharedItem>>>();
        var holders = new List<string>();

        void ClosePairs(OverlapDimension dimension, SharedItem item)
        {
            holders.Sort(StringComparer.Ordinal);
            for (var i = 0; i < holders.Count; i++)
            {
                for (var j = i + 1; j < holders.Count; j++)
                {
                    var (a, b) = (holders[i], holders[j]);
                    if (onlyWith is not null && a != onlyWith && b != onlyWith)
                    {
                        continue;
                    }

                    if (!shared.TryGetValue((a, b), out var byDimension))
                    {
                        shared[(a, b)] = byDimension = [];
                    }

                    if (!byDimension.TryGetValue(dimension, out var items))
                    {
                        byDimension[dimension] = items = [];
                    }

                    items.Add(item);
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

            sizes[(row.Agency, row.Dimension)] = sizes.GetValueOrDefault((row.Agency, row.Dimension)) + 1;
            holders.Add(row.Agency);
            previous = row;
        }

        if (previous is not null)
        {
            ClosePairs(previous.Dimension, previous.Item);
        }

        return
        [
            .. shared
                .OrderBy(p => p.Key.A, StringComparer.Ordinal)
                .ThenBy(p => p.Key.B, StringComparer.Ordinal)
                .Select(p => new PartnerOverlap(p.Key.A, p.Key.B,
                [
                    .. dimensions
                        .Select(d => (Dimension: d, CountA: sizes.GetValueOrDefault((p.Key.A, d)), CountB: sizes.GetValueOrDefault((p.Key.B, d)),
                            Shared: p.Value.GetValueOrDefault(d) ?? []))
                        .Where(d => d.Shared.Count > 0 || d.CountA > 0 || d.CountB > 0)
                        .Select(d => new DimensionOverlap(d.Dimension, d.Shared.Count, d.CountA, d.CountB, d.Shared)),
                ])),
        ];
    }
}
