using HealthGraph.Api.Common;
using HealthGraph.Api.Organizations;
using HealthGraph.Api.Outcomes;
using HealthGraph.Api.Sdgs;
using HealthGraph.Api.Themes;
using HealthGraph.Graph;
using HealthGraph.Store;

namespace HealthGraph.Api.Deliverables;

/// <summary>A piece of work an agency delivers.</summary>
public sealed class DeliverableType : EntityType
{
    public DeliverableType()
        : base(NodeLabels.Deliverable, "Deliverable", "A piece of work an agency delivers: a product or service, a contribution, a project or an activity.")
    {
        RequiredText("title", "The title, as the source gives it.");
        Code<DeliverableKindEnum>("deliverableKind", "What kind of work it is.", "kind", required: true);
        Texts("items", "The sub-deliverables or items the source lists under it.");
        Code<StatusEnum>("status", "Its progress, as the source reports it (null when the source gives none).");
        Text("statusLabel", "The source's own words for the status.");
        Number("year", "The year the source reports it in.");
        Text("country", "The country it is for.");
        Text("note", "A curator's note.");
        Related<OrganizationType>("deliveredBy", "The agencies that deliver it.", RelationshipTypes.Delivers, Direction.Incoming);
        Related<OutcomeType>("outcomes", "The outcomes or expected results it serves.", RelationshipTypes.Serves, Direction.Outgoing);
        Related<OrganizationType>("counterparts", "The national counterparts it supports.", RelationshipTypes.Supports, Direction.Outgoing);
        Related<ThemeType>("themes", "Its themes.", RelationshipTypes.HasTheme, Direction.Outgoing);
        this.AddAlignmentsField();
    }
}
