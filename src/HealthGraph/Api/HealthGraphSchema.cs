using GraphQL.Types;

namespace HealthGraph.Api;

/// <summary>The HealthGraph GraphQL schema; <c>schema/healthgraph.graphql</c> is its approved SDL.</summary>
public sealed class HealthGraphSchema : Schema
{
    public HealthGraphSchema(IServiceProvider services, QueryType query, MutationType mutation)
        : base(services)
    {
        Description = "HealthGraph: who does what in development cooperation. Deliverables, outcomes, SDG goals, targets and indicators, and the agencies and partners behind them, with the source of every fact.";
        // The introspection that graphql-js's getIntrospectionQuery asks for with every option on (GraphiQL, GraphQL
        // Code Generator, IDE plugins): isRepeatable on __Directive and includeDeprecated on args and input fields.
        Features.RepeatableDirectives = true;
        Features.DeprecationOfInputValues = true;
        RegisterVisitor(new IntrospectionAdditions());
        Query = query;
        Mutation = mutation;
    }
}
