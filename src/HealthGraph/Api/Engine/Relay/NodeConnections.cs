using GraphQL;
using GraphQL.DataLoader;
using GraphQL.Types.Relay.DataObjects;
using HealthGraph.Api.Engine.Errors;
using HealthGraph.Api.Engine.Filtering;
using HealthGraph.Api.Engine.Loading;
using HealthGraph.Api.Features.Common;
using HealthGraph.Graph;
using HealthGraph.Store;

namespace HealthGraph.Api.Engine.Relay;

/// <summary>
/// Relay connections: the root lists over the store's filtered, ordered, keyset-paginated lists (<c>first/after</c>
/// forwards, <c>last/before</c> backwards), and the relationship lists of an entity (<c>first/after</c>, by the other
/// end's id); each with <c>pageInfo</c>, <c>totalCount</c> (counted only when asked for) and a maximum page size.
/// </summary>
public static class NodeConnections
{
    /// <summary>The page size when neither <c>first</c> nor <c>last</c> is given.</summary>
    public const int DefaultPageSize = 25;

    /// <summary>The largest page a client may ask for unless GraphQL:Limits:MaxPageSize says otherwise.</summary>
    public const int MaxPageSize = 100;

    public static async Task<object?> ResolveAsync(
        IResolveFieldContext context, IGraphStore store, NodeListDefinition definition)
    {
        var maxPageSize = context.Limits().MaxPageSize;
        var first = PageSize(context.GetArgument<int?>("first"), "first", maxPageSize);
        var last = PageSize(context.GetArgument<int?>("last"), "last", maxPageSize);
        if (first is not null && last is not null)
        {
            throw new ApiError(ErrorCodes.InvalidInput, "Give 'first' (to page forwards) or 'last' (to page backwards), not both.", "last", "FIRST_AND_LAST");
        }

        if (first is null && last is null)
        {
            first = DefaultPageSize;
        }

        var order = Order(definition, context.GetArgument<List<Dictionary<string, object?>>?>("orderBy"));
        var signature = string.Join(',', order.Select(o => $"{Describe(definition, o)}:{(o.Descending ? "desc" : "asc")}"));
        var query = new NodeListQuery(
            definition.Label,
            FilterTranslator.Translate(definition, context.GetArgument<object?>("where"), context.Limits().MaxBatchSize),
            order,
            first,
            Cursors.Decode(context.GetArgument<string?>("after"), "after", order.Count, signature),
            last,
            Cursors.Decode(context.GetArgument<string?>("before"), "before", order.Count, signature))
        {
            CountTotal = AsksForTotalCount(context),
        };
        var page = await store.ListNodesAsync(query, context.CancellationToken);

        return Connection([.. page.Nodes.Select(n => new EntityEdge(n, Cursors.Encode(n, order, signature)))], page.HasNextPage, page.HasPreviousPage, page.TotalCount);
    }

    /// <summary>
    /// An entity's relationships of one type as a connection of the entities at their other ends, by id, paged with
    /// first/after: one batched store round trip for the page of every entity at this level, one for the entities.
    /// </summary>
    public static IDataLoaderResult ResolveRelated(
        IResolveFieldContext<GraphNode> context, string relationshipType, Direction direction, string? otherLabel)
    {
        var first = PageSize(context.GetArgument<int?>("first"), "first", context.Limits().MaxPageSize) ?? DefaultPageSize;
        var signature = $"{relationshipType}{(direction == Direction.Outgoing ? ">" : "<")}{otherLabel}";
        var after = Cursors.DecodeId(context.GetArgument<string?>("after"), "after", signature);
        return context.Loaders().RelatedPage(context.Source.Id, relationshipType, direction, otherLabel, first, after).Then(page =>
        {
            var ends = page.Items.ToDictionary(r => direction == Direction.Outgoing ? r.ToId : r.FromId, StringComparer.Ordinal);
            return context.Loaders().Nodes(ends.Keys).Then(nodes => Connection(
                [.. nodes.OfType<GraphNode>().Select(n => new EntityEdge(n, Cursors.Encode(n.Id, signature), ends[n.Id]))],
                page.HasNextPage,
                hasPreviousPage: after is not null,
                page.TotalCount));
        });
    }

    /// <summary>Where a page is in its list: the cursors at its ends, and whether more come before or after it.</summary>
    public static PageInfo PageInfo(IReadOnlyList<string> cursors, bool hasNextPage, bool hasPreviousPage) => new()
    {
        HasNextPage = hasNextPage,
        HasPreviousPage = hasPreviousPage,
        StartCursor = cursors.Count > 0 ? cursors[0] : null,
        EndCursor = cursors.Count > 0 ? cursors[^1] : null,
    };

    private static EntityConnection Connection(IReadOnlyList<EntityEdge> edges, bool hasNextPage, bool hasPreviousPage, long totalCount) =>
        new(edges, PageInfo([.. edges.Select(e => e.Cursor)], hasNextPage, hasPreviousPage), totalCount);

    /// <summary>Whether the connection's selection asks for totalCount, which costs a count of the whole list.</summary>
    private static bool AsksForTotalCount(IResolveFieldContext context) =>
        context.SubFields?.Values.Any(f => f.Field.Name.Value == "totalCount") ?? true;

    internal static int? PageSize(int? size, string argument, int maxPageSize) => size switch
    {
        null => null,
        < 0 => throw new ApiError(ErrorCodes.InvalidInput, $"'{argument}' must not be negative (it was {size}).", argument, "NEGATIVE_PAGE_SIZE"),
        _ when size > maxPageSize => throw new ApiError(
            ErrorCodes.InvalidInput, $"'{argument}' may be at most {maxPageSize} (it was {size}); page with the cursors instead.", argument, "PAGE_TOO_LARGE"),
        _ => size,
    };

    private static List<NodeOrder> Order(NodeListDefinition definition, List<Dictionary<string, object?>>? orderBy) =>
        orderBy is null or { Count: 0 }
            ? [.. definition.DefaultOrder.Select(s => new NodeOrder(s.Field))]
            : [.. orderBy.Select(o => new NodeOrder(
                definition.Sorts.Single(s => s.Name == (string)o["field"]!).Field,
                o.TryGetValue("direction", out var d) && d is true))];

    private static string Describe(NodeListDefinition definition, NodeOrder order) =>
        definition.Sorts.First(s => s.Field == order.Field).Name;
}
