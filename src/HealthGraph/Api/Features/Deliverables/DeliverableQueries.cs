using GraphQL.Types;
using HealthGraph.Api.Engine.Filtering;
using HealthGraph.Api.Engine.Relay;
using HealthGraph.Api.Features.Common;
using HealthGraph.Graph;
using HealthGraph.Store;

namespace HealthGraph.Api.Features.Deliverables;

/// <summary>What the deliverables list can be filtered and ordered by.</summary>
public sealed class DeliverableList : IListDefinition
{
    public static NodeListDefinition Definition { get; } = new(
        "Deliverable",
        NodeLabels.Deliverable,
        [
            new("id", "The deliverable's id.", NodeField.Id, FilterKind.Id),
            new("title", "Its title.", NodeField.Name, FilterKind.Text),
            new("deliverableKind", "What kind of work it is.", NodeField.Property(NodeProperties.Kind), FilterKind.Enum, typeof(EnumFilterType<DeliverableKindEnum>)),
            new("status", "Its status (work with no status satisfies no status condition).", NodeField.Property(NodeProperties.Status), FilterKind.Enum, typeof(EnumFilterType<StatusEnum>)),
            new("year", "The year the source reports it in.", NodeField.Property(NodeProperties.Year), FilterKind.Number),
            new("activeIn", "A period it is active in, from its dates (actual before planned) or else its year: activeIn: { from: \"2025\", to: \"2025\" } is the work running at any time in 2025.", NodeField.ActiveIn, FilterKind.Period),
            new("country", "The country it is for.", NodeField.Property(NodeProperties.Country), FilterKind.Text),
            new("items", "Its listed items or sub-deliverables.", NodeField.Property(NodeProperties.Items), FilterKind.Text),
            new("agency", "The id of an agency that delivers it.", NodeField.Related(RelationshipTypes.Delivers, Direction.Incoming), FilterKind.Id),
            new("outcome", "The id of an outcome it serves.", NodeField.Related(RelationshipTypes.Serves, Direction.Outgoing), FilterKind.Id),
            new("counterpart", "The id of a national counterpart it supports.", NodeField.Related(RelationshipTypes.Supports, Direction.Outgoing), FilterKind.Id),
            new("theme", "The id of one of its themes.", NodeField.Related(RelationshipTypes.HasTheme, Direction.Outgoing), FilterKind.Id),
            new("place", "The id of a place it is located in, directly or in a place part of it: work in a district is work in its region and country (place: { eq: \"place-3505000\" } finds the work in Sughd and its districts).", NodeField.Within, FilterKind.Id),
            new("alignedWith", "An SDG goal or target it is aligned with, such as 'sdg-goal-3': by default directly, through one of the goal's targets or through an outcome it serves, as the portfolio and coverage count it (via: [DIRECT] for its own links only).", NodeField.Aligned(AlignmentRule.Any), FilterKind.Alignment),
        ],
        [
            new("ID", "The id.", NodeField.Id),
            new("TITLE", "The title.", NodeField.Name),
            new("YEAR", "The year (work without a year comes last).", NodeField.Property(NodeProperties.Year)),
            new("STATUS", "The status in the order work goes through it: PIPELINE, IMPLEMENTATION, ON_TRACK, FINALISATION, ACHIEVED, CLOSED, SUSPENDED, CANCELLED; work without a status comes last.", NodeField.Ranked("status", Vocabulary.StatusOrder)),
        ]);
}

public static class DeliverableQueries
{
    public static void AddDeliverableQueries(this ObjectGraphType query)
    {
        query.AddList<DeliverableList, DeliverableType>("deliverables", "The work agencies deliver.");
        query.AddLookup<DeliverableType>("deliverable", NodeLabels.Deliverable, "A deliverable by id, such as 'who-hwf-strategy' (null when there is none).");
    }
}
