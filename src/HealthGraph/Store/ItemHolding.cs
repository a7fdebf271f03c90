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
}
