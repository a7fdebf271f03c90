using GraphQL;
using GraphQL.Types.Relay.DataObjects;
using HealthGraph.Api.Common;
using HealthGraph.Api.Errors;
using HealthGraph.Api.Filtering;
using HealthGraph.Graph;
using HealthGraph.Store;

namespace HealthGraph.Api.Relay;

/// <summary>
/// Relay connections over the store's filtered, ordered, keyset-paginated lists: <c>first/after</c> forwards,
/// <c>last/before</c> backwards, <c>pageInfo</c> and <c>totalCount</c>, and a maximum page size.
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
            FilterTranslator.Translate(definition, context.GetArgument<object?>("where")),
            order,
            first,
            Cursors.Decode(context.GetArgument<string?>("after"), "after", order.Count, signature),
            last,
            Cursors.Decode(context.GetArgument<string?>("before"), "before", order.Count, signature));
        var page = await store.ListNodesAsync(query, context.CancellationToken);

        var edges = page.Nodes.Select(n => new Edge<GraphNode> { Node = n, Cursor = Cursors.Encode(n, order, signature) }).ToList();
        return new Connection<GraphNode>
        {
            Edges = edges,
            TotalCount = checked((int)page.TotalCount),
            PageInfo = new PageInfo
            {
                HasNextPage = page.HasNextPage,
                HasPreviousPage = page.HasPreviousPage,
                StartCursor = edges.FirstOrDefault()?.Cursor,
                EndCursor = edges.LastOrDefault()?.Cursor,
            },
        };
    }

    private static int? PageSize(int? size, string argument, int maxPageSize) => size switch
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
