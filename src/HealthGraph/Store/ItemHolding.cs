namespace HealthGraph.Store;

/// <summary>How both stores answer <see cref="IGraphStore.GetItemHoldersAsync"/> from their rows.</summary>
internal static class ItemHolding
{
    /// <summary>
    /// One answer per item asked about, in the order asked: how many agencies have it (<paramref name="counts"/>) and the
    /// first of them as <paramref name="holders"/> lists them (already ordered and cut); an item in neither has none.
    /// </summary>
    public static IReadOnlyList<ItemHolders> Assemble(
        IReadOnlyList<string> itemIds, IReadOnlyDictionary<string, int> counts, IReadOnlyList<(string Item, ItemHolder Holder)> holders)
    {
        var byItem = holders.ToLookup(r => r.Item, r => r.Holder, StringComparer.Ordinal);
        return [.. itemIds.Select(id => new ItemHolders(id, counts.GetValueOrDefault(id), [.. byItem[id]]))];
    }

    /// <summary>
    /// The same answer from rows at hand (a limited question's, <see cref="IGraphStore.GetLimitedAgencyItemsAsync"/>, of
    /// one dimension): the agencies of each item, most links first, ties by id, as item_holders (.sql, .cypher) order
    /// them, the first <paramref name="first"/> listed.
    /// </summary>
    public static IReadOnlyList<ItemHolders> FromRows(IReadOnlyList<string> itemIds, IEnumerable<AgencyItemLinks> rows, int first)
    {
        var byItem = rows.ToLookup(r => r.Item, StringComparer.Ordinal);
        return
        [
            .. itemIds.Select(id => new ItemHolders(
                id,
                byItem[id].Count(),
                [.. byItem[id].OrderByDescending(r => r.Links).ThenBy(r => r.Agency, StringComparer.Ordinal).Take(first).Select(r => new ItemHolder(r.Agency, r.Links))])),
        ];
    }
}
