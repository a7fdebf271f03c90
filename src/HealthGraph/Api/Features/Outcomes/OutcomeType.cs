using HealthGraph.Api.Features.Common;
using HealthGraph.Api.Features.Deliverables;
using HealthGraph.Api.Features.Documents;
using HealthGraph.Api.Features.Sdgs;
using HealthGraph.Api.Features.Themes;
using HealthGraph.Graph;
using HealthGraph.Store;

namespace HealthGraph.Api.Features.Outcomes;

/// <summary>An outcome, expected result or objective.</summary>
public sealed class OutcomeType : EntityType
{
    public OutcomeType()
        : base(NodeLabels.Outcome, "Outcome", "An outcome, expected result or objective of a results framework, which work serves.")
    {
        RequiredText("statement", "The statement of the outcome, as the source gives it.", "statement");
        Text("code", "Its code in its results framework, such as 'TJK128'.");
        Code<OutcomeLevelEnum>("level", "Its level in its results framework.", required: true);
        Text("description", "A longer description from the source.");
        Code<StatusEnum>("status", "Its status as the source reports it: a progress or a lifecycle stage. progress and lifecycle keep the two apart.");
        ProgressAndLifecycle("the outcome");
        Text("statusLabel", "The source's own words for the status.");
        Number("year", "The year the source reports it in.");
        Period("the outcome");
        Text("partnership", "How the source classifies the partnership behind the outcome, in its words, such as ILO's 'with UN Agencies, excluding IFIs' (null when it says nothing).", NodeProperties.Partnership);
        RelatedOne<ResultsFrameworkType>("resultsFramework", "The results framework that defines it.", RelationshipTypes.InFramework, Direction.Outgoing);
        Related<OutcomeType>("contributesTo", "The outcomes it contributes to.", RelationshipTypes.ContributesTo, Direction.Outgoing);
        Related<OutcomeType>("contributions", "The outcomes that contribute to it.", RelationshipTypes.ContributesTo, Direction.Incoming);
        Related<IndicatorType>("indicators", "The indicators of its results framework that measure it.", RelationshipTypes.MeasuredBy, Direction.Outgoing);
        Related<DeliverableType>("deliverables", "The work that serves it.", RelationshipTypes.Serves, Direction.Incoming);
        Related<ThemeType>("themes", "Its themes.", RelationshipTypes.HasTheme, Direction.Outgoing);
        this.AddAlignmentsField();
    }
}
