using GraphQL;
using GraphQL.Types;
using HealthGraph.Api.Engine.Filtering;
using HealthGraph.Api.Engine.Loading;
using HealthGraph.Api.Features.Common;

namespace HealthGraph.Api.Engine.Relay;

/// <summary>The root fields every listable entity gets: a Relay connection with where/orderBy, and a lookup by id.</summary>
public static class QueryFields
{
    public static void AddList<TList, TType>(this ObjectGraphType query, string name, string description)
        where TList : IListDefinition
        where TType : IComplexGraphType, new()
    {
        var definition = TList.Definition;
        // The connection's arguments are declared here rather than by graphql-dotnet's ConnectionBuilder, so that bad
        // page sizes and cursors come back as INVALID_INPUT / INVALID_CURSOR errors naming the argument.
        query.Field<NonNullGraphType<EntityConnectionType<TType>>>(name)
            .Description($"{description} A Relay connection: page with first/after or last/before (at most {NodeConnections.MaxPageSize} per page, {NodeConnections.DefaultPageSize} by default).")
            .Argument<IntGraphType>("first", $"Page forwards: at most this many entities (0 to {NodeConnections.MaxPageSize}) after the 'after' cursor.")
            .Argument<StringGraphType>("after", "The cursor (endCursor) to page forwards from.")
            .Argument<IntGraphType>("last", $"Page backwards: at most this many entities (0 to {NodeConnections.MaxPageSize}) before the 'before' cursor.")
            .Argument<StringGraphType>("before", "The cursor (startCursor) to page backwards from.")
            .Argument<NodeFilterInputType<TList>>("where", "Only the entities that satisfy this filter.")
            .Argument<ListGraphType<NonNullGraphType<NodeOrderInputType<TList>>>>("orderBy", $"The order of the list; ties, and an empty order, fall back to {DescribeDefault(definition)}.")
            .WithComplexityImpact(c => Execution.Complexity.RootList(c, definition))
            .ResolveAsync(async context => await NodeConnections.ResolveAsync(context, context.Store(), definition));
    }

    public static GraphQL.Builders.FieldBuilder<object?, object> AddLookup<TType>(this ObjectGraphType query, string name, string label, string description)
        where TType : IGraphType =>
        query.Field<TType>(name)
            .Description(description)
            .Argument<NonNullGraphType<IdGraphType>>("id", "The entity's id.")
            .Resolve(context => context.Loaders().Node(context.GetArgument<string>("id")).Then(n => n is Graph.GraphNode node && node.Label == label ? node : null));

    private static string DescribeDefault(NodeListDefinition definition) =>
        definition.DefaultOrder.Count == 0 ? "id" : $"{string.Join(", ", definition.DefaultOrder.Select(o => o.Name))}, then id";
}
