using GraphQL.Types;
using HealthGraph.Api.Engine.Loading;
using HealthGraph.Api.Features.Common;
using HealthGraph.Graph;
using HealthGraph.Store;

namespace HealthGraph.Api.Features.Sdgs;

/// <summary>An SDG goal.</summary>
public sealed class SdgGoalType : EntityType
{
    public SdgGoalType()
        : base(NodeLabels.SdgGoal, "SdgGoal", "One of the 17 Sustainable Development Goals, from the official SDG framework.")
    {
        RequiredText("code", "The goal's number, such as '8'.");
        RequiredText("title", "The goal's official title.");
        Text("shortName", "The goal's short name, such as 'Decent work and economic growth'.");
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<SdgTargetType>>>>("targets")
            .Description("Its targets, in the framework's order (8.1, 8.2, ... 8.10, 8.a, 8.b).")
            .Resolve(c => c.Loaders().Neighbours(c.Source.Id, RelationshipTypes.HasTarget, Direction.Outgoing).Then(SdgOrder));
        this.AddContributionFields("the goal itself or any of its targets");
    }

    internal static object SdgOrder(object? neighbours) =>
        ((IReadOnlyList<Neighbour>)neighbours!).Select(n => n.Node).OrderBy(n => n.GetString(NodeProperties.Code), SdgCodeComparer.Instance).ToList();
}

/// <summary>An SDG target.</summary>
public sealed class SdgTargetType : EntityType
{
    public SdgTargetType()
        : base(NodeLabels.SdgTarget, "SdgTarget", "A target of an SDG goal, from the official SDG framework.")
    {
        RequiredText("code", "The target's code, such as '8.3' or '3.c'.");
        RequiredText("title", "The target's official text.");
        Field<NonNullGraphType<SdgGoalType>>("goal")
            .Description("The goal it belongs to.")
            .Resolve(c => c.Loaders().Node(Vocabulary.SdgGoalId(c.Source.GetString("goalCode")!)));
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<SdgIndicatorType>>>>("indicators")
            .Description("Its official indicators, in the framework's order.")
            .Resolve(c => c.Loaders().Neighbours(c.Source.Id, RelationshipTypes.HasIndicator, Direction.Outgoing).Then(SdgGoalType.SdgOrder));
        this.AddContributionFields("the target");
    }
}

/// <summary>An SDG indicator.</summary>
public sealed class SdgIndicatorType : EntityType
{
    public SdgIndicatorType()
        : base(NodeLabels.SdgIndicator, "SdgIndicator", "An official indicator of an SDG target, from the official SDG framework.")
    {
        RequiredText("code", "The indicator's code, such as '8.3.1'.");
        RequiredText("title", "What it measures, officially.");
        Text("unsdCode", "The UN Statistics Division's code for it, such as 'C080301'.");
        Text("repeatOf", "For an indicator that repeats another under a second target: the code of the first.");
        Field<NonNullGraphType<SdgTargetType>>("target")
            .Description("The target it measures.")
            .Resolve(c => c.Loaders().Node(Vocabulary.SdgTargetId(c.Source.GetString("targetCode")!)));
    }
}
