using HealthGraph.Api.Features.Common;
using HealthGraph.Api.Features.Deliverables;
using HealthGraph.Api.Features.Organizations;
using HealthGraph.Api.Features.Outcomes;
using HealthGraph.Graph;
using HealthGraph.Store;

namespace HealthGraph.Api.Features.Themes;

/// <summary>A theme or topic.</summary>
public sealed class ThemeType : EntityType
{
    public ThemeType()
        : base(NodeLabels.Theme, "Theme", "A theme or topic that organizations, work and outcomes are tagged with, by a source or a curator.")
    {
        Text("originalLabel", "The label in the source's own language, for themes taken from a source (e.g. ILO's French tags).");
        Text("language", "The language of the original label (ISO 639-1).");
        Text("description", "What the theme covers.");
        Related<OrganizationType>("organizations", "The organizations tagged with it.", RelationshipTypes.HasTheme, Direction.Incoming, NodeLabels.Organization);
        Related<DeliverableType>("deliverables", "The work tagged with it.", RelationshipTypes.HasTheme, Direction.Incoming, NodeLabels.Deliverable);
        Related<OutcomeType>("outcomes", "The outcomes tagged with it.", RelationshipTypes.HasTheme, Direction.Incoming, NodeLabels.Outcome);
    }
}
