using GraphQLParser.AST;
using HealthGraph.Api;
using HealthGraph.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace HealthGraph.Tests.Hardening;

/// <summary>
/// No list in the schema can grow without bound: every list of objects is a connection's page, or takes a `first`
/// that its resolver bounds, or is bounded by what it lists (named here, with the bound).
/// </summary>
public sealed class ListBoundsTests(HealthGraphApp app) : IClassFixture<HealthGraphApp>
{
    /// <summary>The lists bounded by what they list, each with its bound.</summary>
    private static readonly Dictionary<string, string> s_boundedByWhatTheyList = new(StringComparer.Ordinal)
    {
        ["AlignmentMatrix.agencies"] = "the page's rows: at most alignmentMatrix(first:) (100)",
        ["AlignmentMatrix.cells"] = "the page's agencies × its goals or targets: at most 100 × 169",
        ["AlignmentMatrix.columns"] = "the SDG goals or targets with a cell: at most 17 or 169",
        ["Deliverable.alignments"] = "one per SDG goal and target it is aligned with: at most 17 + 169",
        ["Outcome.alignments"] = "one per SDG goal and target it is aligned with: at most 17 + 169",
        ["DeliverableEditPayload.errors"] = "one per problem of the input: at most its fields and list entries, which the document and variables size limits bound",
        ["AlignmentPayload.errors"] = "one per problem of the input, as DeliverableEditPayload.errors",
        ["DeliverablePayload.errors"] = "one per problem of the input, as DeliverableEditPayload.errors",
        ["OrganizationPayload.errors"] = "one per problem of the input, as DeliverableEditPayload.errors",
        ["DocumentPayload.errors"] = "one per problem of the input, as DeliverableEditPayload.errors",
        ["ApiKeyPayload.errors"] = "one per problem of the input, as DeliverableEditPayload.errors",
        ["Deliverable.amounts"] = "stored in the deliverable itself (its IATI budgets and transactions), as long as the entity",
        ["Organization.roles"] = "stored in the organization itself, as long as the entity",
        ["GoalCoverage.targets"] = "the goal's targets: at most 19",
        ["GoalCoverage.goalLevel"] = "at most goalCoverage(first:) (1,000)",
        ["TargetCoverage.contributions"] = "at most goalCoverage(first:) (1,000)",
        ["TargetCoverage.deliverables"] = "at most goalCoverage(first:) (1,000)",
        ["TargetCoverage.outcomes"] = "at most goalCoverage(first:) (1,000)",
        ["GraphStatistics.entities"] = "one per kind of entity: 10",
        ["GraphStatistics.relationships"] = "one per relationship type: 19",
        ["Neighbourhood.relationships"] = "at most neighbourhood(first:) (500)",
        ["OverlapMatrix.agencies"] = "at most overlapMatrix(first:) or its agencyIds (100)",
        ["OverlapMatrix.cells"] = "one per ordered pair of its agencies: at most 100 × 99",
        ["PartnerOverlap.dimensions"] = "one per dimension: 6",
        ["RegionCoverage.regions"] = "the regions of one country: at most RegionCoverageQuery.MaxRegions (100)",
        ["RegionWork.agencies"] = "at most regionCoverage(agencies:) (100)",
        ["Query.budgetTotals"] = "one per group: at most BudgetTotalsQuery.MaxGroups (50)",
        ["BudgetGroup.totals"] = "one per currency of its work's budgets: ISO 4217's list",
        ["Path.entities"] = "at most connections(maxHops:) + 1: 7",
        ["Path.relationships"] = "at most connections(maxHops:): 6",
        ["Portfolio.byGoal"] = "one per SDG goal: 17",
        ["Portfolio.byStatus"] = "one per status, and one for work without: 8",
        ["Query.amountTotals"] = "one per kind, type and currency of amount: IATI's code lists",
        ["Query.connections"] = "at most 50 shortest paths (GraphPath.MaxShortestPaths)",
        ["Query.nodes"] = "one per id asked for: at most GraphQL:Limits:MaxBatchSize (100)",
        ["SdgGoal.targets"] = "the goal's targets: at most 19",
        ["SdgTarget.indicators"] = "the target's indicators: at most 5",
        ["Change.fieldChanges"] = "one per field of its entity: the properties of one node",
    };

    [Fact]
    public void EveryListOfObjectsIsAConnectionPage_TakesABoundingFirst_OrIsBoundedByWhatItLists()
    {
        var document = GraphQLParser.Parser.Parse(ApiExtensions.PrintSchema(app.Services.GetRequiredService<HealthGraphSchema>()));
        var objects = document.Definitions.OfType<GraphQLTypeDefinition>()
            .Where(d => d is GraphQLObjectTypeDefinition or GraphQLInterfaceTypeDefinition or GraphQLUnionTypeDefinition)
            .Select(d => d.Name.StringValue).ToHashSet(StringComparer.Ordinal);

        var unbounded = new List<string>();
        foreach (var type in document.Definitions.OfType<GraphQLObjectTypeDefinition>().Where(t => !t.Name.StringValue.StartsWith("__", StringComparison.Ordinal)))
        {
            foreach (var field in type.Fields?.Items ?? [])
            {
                var name = $"{type.Name.StringValue}.{field.Name.StringValue}";
                if (ListOf(field.Type) is { } element && objects.Contains(element)
                    && !type.Name.StringValue.EndsWith("Connection", StringComparison.Ordinal)
                    && field.Arguments?.Items.Any(a => a.Name.StringValue == "first") != true
                    && !s_boundedByWhatTheyList.ContainsKey(name))
                {
                    unbounded.Add(name);
                }
            }
        }

        Assert.True(unbounded.Count == 0, "Unbounded lists: " + string.Join(", ", unbounded));
    }

    /// <summary>The allowance names fields that exist, so it cannot outlive them.</summary>
    [Fact]
    public void EveryListBoundedByWhatItListsExists()
    {
        var sdl = ApiExtensions.PrintSchema(app.Services.GetRequiredService<HealthGraphSchema>());
        var document = GraphQLParser.Parser.Parse(sdl);
        var fields = document.Definitions.OfType<GraphQLObjectTypeDefinition>()
            .SelectMany(t => (t.Fields?.Items ?? []).Select(f => $"{t.Name.StringValue}.{f.Name.StringValue}")).ToHashSet(StringComparer.Ordinal);

        Assert.All(s_boundedByWhatTheyList.Keys, name => Assert.Contains(name, fields));
    }

    private static string? ListOf(GraphQLType type) => type switch
    {
        GraphQLNonNullType nonNull => ListOf(nonNull.Type),
        GraphQLListType list => Named(list.Type),
        _ => null,
    };

    private static string Named(GraphQLType type) => type switch
    {
        GraphQLNonNullType nonNull => Named(nonNull.Type),
        GraphQLListType list => Named(list.Type),
        GraphQLNamedType named => named.Name.StringValue,
        _ => "",
    };
}
