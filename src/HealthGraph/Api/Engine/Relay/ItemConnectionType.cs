using GraphQL.Types;
using GraphQL.Types.Relay;
using GraphQL.Types.Relay.DataObjects;

namespace HealthGraph.Api.Engine.Relay;

/// <summary>
/// A page of items that are not entities (pairs of agencies, relationships): each with its cursor, and the list's length
/// (or how to count it, when counting costs more than reading the page and is done only when totalCount is asked for).
/// </summary>
public sealed record ItemConnection<T>(IReadOnlyList<ItemEdge<T>> Edges, PageInfo PageInfo, long TotalCount)
{
    /// <summary>Counts the list when totalCount is asked for (instead of <see cref="TotalCount"/>).</summary>
    public Func<CancellationToken, Task<long>>? Count { get; init; }
}

public static class ItemConnection
{
    /// <summary>
    /// The page of a list, in the order of its keys, after the item whose key is <paramref name="after"/> (from the start
    /// when null): its first <paramref name="first"/> items, each with a cursor that holds its key.
    /// </summary>
    public static ItemConnection<T> Page<T>(IReadOnlyList<T> all, Func<T, string> key, int first, string? after, string signature)
    {
        var start = after is null ? 0 : all.TakeWhile(item => string.CompareOrdinal(key(item), after) <= 0).Count();
        return Of([.. all.Skip(start).Take(first)], key, start + first < all.Count, start > 0, all.Count, signature);
    }

    /// <summary>A page read as a page: its items, each with a cursor that holds its key; where it is in the list; the list's length.</summary>
    public static ItemConnection<T> Of<T>(IReadOnlyList<T> page, Func<T, string> key, bool hasNextPage, bool hasPreviousPage, long totalCount, string signature)
    {
        var edges = page.Select(item => new ItemEdge<T>(item, Cursors.Encode(key(item), signature))).ToList();
        return new(edges, NodeConnections.PageInfo([.. edges.Select(e => e.Cursor)], hasNextPage, hasPreviousPage), totalCount);
    }
}

/// <summary>An item in a page, with the cursor to page on from it.</summary>
public sealed record ItemEdge<T>(T Node, string Cursor);

/// <summary>A page of items, shaped as the entity connections are: nodes, edges (each an item and its cursor), pageInfo and totalCount.</summary>
public sealed class ItemConnectionType<TNodeType, T> : ObjectGraphType<ItemConnection<T>>
    where TNodeType : IComplexGraphType, new()
{
    public ItemConnectionType()
    {
        var node = new TNodeType().Name;
        Name = $"{node}Connection";
        Description = $"A page of {node} items: nodes (or edges, with a cursor each), where the page is in the list, and how long the list is.";
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<ItemEdgeType<TNodeType, T>>>>>("edges")
            .Description("The page's items, each with its cursor.")
            .Resolve(c => c.Source.Edges);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<TNodeType>>>>("nodes")
            .Description("The page's items, in list order.")
            .Resolve(c => c.Source.Edges.Select(e => e.Node));
        Field<NonNullGraphType<PageInfoType>>("pageInfo")
            .Description("Where the page is in the list: the cursors at its ends, and whether more items come before or after it.")
            .Resolve(c => c.Source.PageInfo);
        Field<NonNullGraphType<IntGraphType>>("totalCount")
            .Description("How many items the whole list holds (all pages).")
            .ResolveAsync(async c => checked((int)(c.Source.Count is { } count ? await count(c.CancellationToken) : c.Source.TotalCount)));
    }
}

/// <summary>An item in a page, with its cursor.</summary>
public sealed class ItemEdgeType<TNodeType, T> : ObjectGraphType<ItemEdge<T>>
    where TNodeType : IComplexGraphType, new()
{
    public ItemEdgeType()
    {
        var node = new TNodeType().Name;
        Name = $"{node}Edge";
        Description = $"A {node} in a page, with the cursor to page on from it.";
        Field<NonNullGraphType<TNodeType>>("node").Description("The item.").Resolve(c => c.Source.Node);
        Field<NonNullGraphType<StringGraphType>>("cursor").Description("The cursor to page on from this item (as 'after').").Resolve(c => c.Source.Cursor);
    }
}
