using GraphQL;
using GraphQL.Types;
using HealthGraph.Api.Engine.Filtering;
using HealthGraph.Api.Engine.Loading;
using HealthGraph.Api.Engine.Relay;
using HealthGraph.Api.Features.Common;
using HealthGraph.Graph;
using HealthGraph.Store;

namespace HealthGraph.Api.Features.Sdgs;

/// <summary>What the SDG goals list can be filtered and ordered by.</summary>
public sealed class SdgGoalList : IListDefinition
{
    private static readonly SortableField s_framework = new("FRAMEWORK_ORDER", "The order of the official framework (1, 2, ... 17).", NodeField.Property(NodeProperties.Position));

    public static NodeListDefinition Definition { get; } = new(
        "SdgGoal",
        NodeLabels.SdgGoal,
        [
            new("id", "The goal's id, such as 'sdg-goal-8'.", NodeField.Id, FilterKind.Id),
            new("code", "Its number, such as '8'.", NodeField.Property(NodeProperties.Code), FilterKind.Text),
            new("title", "Its official title.", NodeField.Name, FilterKind.Text),
            new("shortName", "Its short name.", NodeField.Property(NodeProperties.ShortName), FilterKind.Text),
        ],
        [s_framework, new("ID", "The id.", NodeField.Id)],
        [s_framework]);
}

/// <summary>What the SDG targets list can be filtered and ordered by.</summary>
public sealed class SdgTargetList : IListDefinition
{
    private static readonly SortableField s_framework = new("FRAMEWORK_ORDER", "The order of the official framework (8.1, 8.2, ... 8.10, 8.a).", NodeField.Property(NodeProperties.Position));

    public static NodeListDefinition Definition { get; } = new(
        "SdgTarget",
        NodeLabels.SdgTarget,
        [
            new("id", "The target's id, such as 'sdg-target-8.3'.", NodeField.Id, FilterKind.Id),
            new("code", "Its code, such as '8.3'.", NodeField.Property(NodeProperties.Code), FilterKind.Text),
            new("title", "Its official text.", NodeField.Name, FilterKind.Text),
            new("goal", "Its goal, by number or id ('8' or 'sdg-goal-8'); exact, so '1' is goal 1 and never 10 to 17.", NodeField.Property("goalCode"), FilterKind.SdgGoal),
            new("goalCode", "The number of its goal, such as '8'.", NodeField.Property("goalCode"), FilterKind.Text)
            {
                DeprecationReason = "Use goal: { eq: \"8\" }, which matches the goal exactly (goalCode's contains: \"1\" also matches goals 10 to 17).",
            },
        ],
        [s_framework, new("ID", "The id.", NodeField.Id)],
        [s_framework]);
}

public static class SdgQueries
{
    public static void AddSdgQueries(this ObjectGraphType query)
    {
        query.AddList<SdgGoalList, SdgGoalType>("sdgGoals", "The 17 Sustainable Development Goals, in the framework's order.");
        query.AddList<SdgTargetList, SdgTargetType>("sdgTargets", "The SDG targets, in the framework's order.");
        query.Field<SdgGoalType>("sdgGoal")
            .Description("An SDG goal by its number, such as \"8\" (null when there is none).")
            .Argument<NonNullGraphType<StringGraphType>>("code", "The goal's number, such as \"8\", or its id, \"sdg-goal-8\".")
            .Resolve(c => c.Loaders().Node(Vocabulary.SdgNodeId(c.GetArgument<string>("code").Trim())).Then(n => Of(n, NodeLabels.SdgGoal)));
        query.Field<SdgTargetType>("sdgTarget")
            .Description("An SDG target by its code, such as \"8.3\" (null when there is none).")
            .Argument<NonNullGraphType<StringGraphType>>("code", "The target's code, such as \"8.3\" or \"3.c\", or its id, \"sdg-target-8.3\".")
            .Resolve(c => c.Loaders().Node(Vocabulary.SdgNodeId(c.GetArgument<string>("code").Trim())).Then(n => Of(n, NodeLabels.SdgTarget)));
        query.Field<SdgIndicatorType>("sdgIndicator")
            .Description("An SDG indicator by its code, such as \"8.3.1\" (null when there is none).")
            .Argument<NonNullGraphType<StringGraphType>>("code", "The indicator's code, such as \"8.3.1\", or its id, \"sdg-indicator-8.3.1\".")
            .Resolve(c => c.Loaders().Node(Vocabulary.SdgNodeId(c.GetArgument<string>("code").Trim())).Then(n => Of(n, NodeLabels.SdgIndicator)));
    }

    private static GraphNode? Of(object? node, string label) => node is GraphNode n && n.Label == label ? n : null;
}
