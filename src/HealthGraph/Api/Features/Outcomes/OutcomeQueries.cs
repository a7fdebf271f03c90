using GraphQL.Types;
using HealthGraph.Api.Engine.Filtering;
using HealthGraph.Api.Engine.Relay;
using HealthGraph.Api.Features.Common;
using HealthGraph.Graph;
using HealthGraph.Store;

namespace HealthGraph.Api.Features.Outcomes;

/// <summary>What the outcomes list can be filtered and ordered by.</summary>
public sealed class OutcomeList : IListDefinition
{
    public static NodeListDefinition Definition { get; } = new(
        "Outcome",
        NodeLabels.Outcome,
        [
            new("id", "The outcome's id.", NodeField.Id, FilterKind.Id),
            new("statement", "Its statement.", NodeField.Name, FilterKind.Text),
            new("code", "Its code in its results framework.", NodeField.Property(NodeProperties.Code), FilterKind.Text),
            new("level", "Its level.", NodeField.Property(NodeProperties.Level), FilterKind.Enum, typeof(EnumFilterType<OutcomeLevelEnum>)),
            new("status", "Its status.", NodeField.Property(NodeProperties.Status), FilterKind.Enum, typeof(EnumFilterType<StatusEnum>)),
            new("year", "The year the source reports it in.", NodeField.Property(NodeProperties.Year), FilterKind.Number),
            new("resultsFramework", "The id of the results framework that defines it.", NodeField.Related(RelationshipTypes.InFramework, Direction.Outgoing), FilterKind.Id),
            new("alignedWith", "An SDG goal or target it is aligned with, such as 'sdg-goal-3': by default directly, through one of the goal's targets or through an outcome it serves, as coverage counts it (via: [DIRECT] for its own links only).", NodeField.Aligned(AlignmentRule.Any), FilterKind.Alignment),
        ],
        [
            new("ID", "The id.", NodeField.Id),
            new("STATEMENT", "The statement.", NodeField.Name),
            new("CODE", "The code (outcomes without one come last).", NodeField.Property(NodeProperties.Code)),
            new("YEAR", "The year (outcomes without one come last).", NodeField.Property(NodeProperties.Year)),
        ]);
}

public static class OutcomeQueries
{
    public static void AddOutcomeQueries(this ObjectGraphType query)
    {
        query.AddList<OutcomeList, OutcomeType>("outcomes", "Outcomes, expected results and objectives of the agencies' results frameworks.");
        query.AddLookup<OutcomeType>("outcome", NodeLabels.Outcome, "An outcome by id, such as 'ilo-tjk128' (null when there is none).");
    }
}
