using GraphQL;
using GraphQL.Types;
using HealthGraph.Api.Engine.Errors;
using HealthGraph.Api.Features.ApiKeys;
using HealthGraph.Api.Features.Changes;
using HealthGraph.Api.Features.Common;
using HealthGraph.Api.Features.Coordination;
using HealthGraph.Api.Features.Deliverables;
using HealthGraph.Api.Features.Documents;
using HealthGraph.Api.Features.Organizations;
using HealthGraph.Api.Features.Outcomes;
using HealthGraph.Api.Features.Places;
using HealthGraph.Api.Features.Sdgs;
using HealthGraph.Api.Features.Search;
using HealthGraph.Api.Features.Themes;
using HealthGraph.Store;

namespace HealthGraph.Api;

/// <summary>The root of every query: each feature adds its fields.</summary>
public sealed class QueryType : ObjectGraphType
{
    public QueryType()
    {
        Name = "Query";
        Description = "Questions about who does what in development cooperation: entities, lists, search and the coordination questions.";

        Field<NodeInterface>("node")
            .Description("Any entity by its global id (Relay), such as 'who' or 'sdg-target-8.3' (null when there is none).")
            .Argument<NonNullGraphType<IdGraphType>>("id", "The global id.")
            .Resolve(c => c.Loaders().Node(c.GetArgument<string>("id")));
        Field<NonNullGraphType<ListGraphType<NodeInterface>>>("nodes")
            .Description("Entities by their global ids, in the order given (null for an id that has none); at most 100 ids.")
            .Argument<NonNullGraphType<ListGraphType<NonNullGraphType<IdGraphType>>>>("ids", "The global ids.")
            .WithComplexityImpact(c => Engine.Execution.Complexity.IdList(c, "ids"))
            .Resolve(c => c.WithinBatchSize("ids", c.GetArgument<List<string>>("ids")).Select(id => c.Loaders().Node(id)).ToList());

        this.AddOrganizationQueries();
        this.AddDeliverableQueries();
        this.AddAmountQueries();
        this.AddBudgetTotalsQuery();
        this.AddOutcomeQueries();
        this.AddSdgQueries();
        this.AddThemeQueries();
        this.AddPlaceQueries();
        this.AddDocumentQueries();
        this.AddSearchQueries();
        this.AddCoordinationQueries();
        this.AddRegionCoverageQuery();
        this.AddChangeQueries();
        this.AddApiKeyQueries();

        Field<NonNullGraphType<Web.Security.ViewerType>>("viewer")
            .Description("Who is asking: the caller the request's key or token names, and its roles (anonymous: no name, no roles).")
            .Resolve(c => c.User ?? new System.Security.Claims.ClaimsPrincipal());

        Field<NonNullGraphType<GraphStatisticsType>>("statistics")
            .Description("How many entities of each kind and relationships of each type the graph holds.")
            .WithComplexityImpact(c => Engine.Execution.Complexity.EveryRelationship(c))
            .ResolveAsync(async c => await c.Store().GetStatisticsAsync(c.CancellationToken));
    }
}

public sealed class GraphStatisticsType : ObjectGraphType<GraphStatistics>
{
    public GraphStatisticsType()
    {
        Name = "GraphStatistics";
        Description = "The size of the graph.";
        Field<NonNullGraphType<IntGraphType>>("entityCount").Description("All entities.").Resolve(c => checked((int)c.Source.NodeCount));
        Field<NonNullGraphType<IntGraphType>>("relationshipCount").Description("All relationships.").Resolve(c => checked((int)c.Source.RelationshipCount));
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<CountType>>>>("entities")
            .Description("Entities per kind (the node label).")
            .Resolve(c => c.Source.NodesByLabel.Select(p => new KeyValuePair<string, long>(p.Key, p.Value)).ToList());
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<CountType>>>>("relationships")
            .Description("Relationships per type.")
            .Resolve(c => c.Source.RelationshipsByType.Select(p => new KeyValuePair<string, long>(p.Key, p.Value)).ToList());
    }
}

public sealed class CountType : ObjectGraphType<KeyValuePair<string, long>>
{
    public CountType()
    {
        Name = "Count";
        Description = "How many there are of one kind.";
        Field<NonNullGraphType<StringGraphType>>("key").Description("The kind: a node label or relationship type.").Resolve(c => c.Source.Key);
        Field<NonNullGraphType<IntGraphType>>("count").Description("How many.").Resolve(c => checked((int)c.Source.Value));
    }
}
