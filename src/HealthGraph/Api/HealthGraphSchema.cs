using GraphQL.Types;

namespace HealthGraph.Api;

/// <summary>The HealthGraph GraphQL schema; <c>schema/healthgraph.graphql</c> is its approved SDL.</summary>
public sealed class HealthGraphSchema : Schema
{
    public HealthGraphSchema(IServiceProvider services, QueryType query, MutationType mutation)
        : base(services)
    {
        Description = "HealthGraph: who does what in development cooperation. Deliverables, outcomes, SDG goals, targets and indicators, and the agencies and partners behind them, with the source of every fact.";
        Query = query;
        Mutation = mutation;
    }
}
