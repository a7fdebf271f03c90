using GraphQL.Types;
using GraphQL.Types.Relay;
using GraphQL.Types.Relay.DataObjects;
using HealthGraph.Graph;

namespace HealthGraph.Api.Engine.Relay;

/// <summary>A page of entities: its edges (each an entity and its cursor), where it is in the list, and how long the list is.</summary>
public sealed record EntityConnection(IReadOnlyList<EntityEdge> Edges, PageInfo PageInfo, long TotalCount)
{
    public IEnumerable<GraphNode> Nodes => Edges.Select(e => e.Node);

    /// <summary>
    /// Where a page of a list of ids held in memory, in ordinal order, starts (after the id <paramref name="afterId"/>,
    /// from the start when null), and its ids: at most <paramref name="first"/>.
    /// </summary>
    public static (int Start, IReadOnlyList<string> Ids) PageOf(IReadOnlyList<string> idsInOrder, int first, string? afterId)
    {
        var start = afterId is null ? 0 : idsInOrder.TakeWhile(id => string.CompareOrdinal(id, afterId) <= 0).Count();
        return (start, [.. idsInOrder.Skip(start).Take(first)]);
    }

    /// <summary>
    /// A page of entities in id order that starts at <paramref name="start"/> of a list of <paramref name="total"/>, each
    /// with a cursor that holds its id.
    /// </summary>
    public static EntityConnection Of(IReadOnlyList<GraphNode> nodes, int start, int total, string signature)
    {
        var edges = nodes.Select(n => new EntityEdge(n, Cursors.Encode(n.Id, signature))).ToList();
        return new(edges, NodeConnections.PageInfo([.. edges.Select(e => e.Cursor)], start + nodes.Count < total, start > 0), total);
    }
}

/// <summary>
/// An entity in a page, with the cursor to page on from it; in a list of an entity's relationships (its deliverers,
/// themes, counterparts…), the relationship that reaches it too, with its provenance.
/// </summary>
public sealed record EntityEdge(GraphNode Node, string Cursor, GraphRelationship? Relationship = null);

/// <summary>
/// A page of entities, shaped as GitHub's and Hot Chocolate's connections are: <c>nodes</c>, non-null <c>edges</c> (each
/// a node and its cursor), <c>pageInfo</c> and the exact <c>totalCount</c>. <c>items</c>, the old name of
/// <c>nodes</c>, stays, deprecated. One type per kind of entity (<c>DeliverableConnection</c>, …), for the root lists
/// and the relationship lists alike.
/// </summary>
public sealed class EntityConnectionType<TNodeType> : ObjectGraphType<EntityConnection>
    where TNodeType : IComplexGraphType, new()
{
    public EntityConnectionType()
    {
        var node = new TNodeType().Name;
        Name = $"{node}Connection";
        Description = $"A page of {node} entities: nodes (or edges, with a cursor each), where the page is in the list, and how long the list is.";
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<EntityEdgeType<TNodeType>>>>>("edges")
            .Description("The page's entities, each with its cursor.")
            .Resolve(c => c.Source.Edges);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<TNodeType>>>>("nodes")
            .Description("The page's entities, in list order.")
            .Resolve(c => c.Source.Nodes);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<TNodeType>>>>("items")
            .Description("The page's entities, in list order.")
            .DeprecationReason("Use nodes: the same entities, under the name GitHub's and Hot Chocolate's connections give them.")
            .Resolve(c => c.Source.Nodes);
        Field<NonNullGraphType<PageInfoType>>("pageInfo")
            .Description("Where the page is in the list: the cursors at its ends, and whether more entities come before or after it.")
            .Resolve(c => c.Source.PageInfo);
        Field<NonNullGraphType<IntGraphType>>("totalCount")
            .Description("How many entities the whole list holds (all pages).")
            .Resolve(c => checked((int)c.Source.TotalCount));
    }
}

/// <summary>An entity in a page, with its cursor.</summary>
public sealed class EntityEdgeType<TNodeType> : ObjectGraphType<EntityEdge>
    where TNodeType : IComplexGraphType, new()
{
    public EntityEdgeType()
    {
        var node = new TNodeType().Name;
        Name = $"{node}Edge";
        Description = $"A {node} in a page, with the cursor to page on from it.";
        Field<NonNullGraphType<TNodeType>>("node").Description("The entity.").Resolve(c => c.Source.Node);
        Field<NonNullGraphType<StringGraphType>>("cursor").Description("The cursor to page on from this entity (as 'after').").Resolve(c => c.Source.Cursor);
        Field<Features.Common.RelationshipType>("relationship")
            .Description("In a list of an entity's relationships (such as a deliverable's deliveredBy or themes): the relationship that links the two, with where it comes from (its provenance). Null in the root lists.")
            .Resolve(c => c.Source.Relationship);
    }
}
