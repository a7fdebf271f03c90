using GraphQL;
using GraphQL.Types;
using HealthGraph.Api.Engine.Errors;
using HealthGraph.Api.Engine.Loading;
using HealthGraph.Api.Features.Common;
using HealthGraph.Api.Features.Deliverables;
using HealthGraph.Api.Features.Organizations;
using HealthGraph.Api.Features.Sdgs;
using HealthGraph.Api.Features.Themes;
using HealthGraph.Graph;
using HealthGraph.Store;

namespace HealthGraph.Api.Features.Coordination;

/// <summary>An agency's portfolio: its deliverables in id order (groups keep that order).</summary>
public sealed record Portfolio(string AgencyId, IReadOnlyList<PortfolioItem> Items);

/// <summary>A group of an agency's deliverables sharing a goal, theme, status or year: their ids, in order.</summary>
public sealed record PortfolioGroup(string? Key, IReadOnlyList<string> DeliverableIds);

/// <summary>An agency's work, grouped.</summary>
public sealed class PortfolioType : ObjectGraphType<Portfolio>
{
    public PortfolioType()
    {
        Name = "Portfolio";
        Description = "An agency's work grouped by SDG goal, theme, status and year. A deliverable counts in every goal and theme it has.";
        Field<NonNullGraphType<OrganizationType>>("agency").Description("The agency.").Resolve(c => c.Loaders().Node(c.Source.AgencyId));
        Field<NonNullGraphType<IntGraphType>>("deliverableCount").Description("How many deliverables it has.").Resolve(c => c.Source.Items.Count);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<PortfolioGoalGroupType>>>>("byGoal")
            .Description("By SDG goal (directly, through a target, or through an outcome served), in the framework's order.")
            .WithComplexityImpact(c => Engine.Execution.Complexity.ListOf(Engine.Execution.Complexity.CountOf(c, NodeLabels.SdgGoal)))
            .Resolve(c => Group(c.Source, i => i.GoalCodes).OrderBy(g => g.Key, SdgCodeComparer.Instance).ToList());
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<PortfolioThemeGroupType>>>>("byTheme")
            .Description("By theme, by theme id.")
            .FirstArgument("themes, the first by id", GroupsListed, RangeArguments.MaxListed)
            .Resolve(c => Group(c.Source, i => i.ThemeIds).OrderBy(g => g.Key, StringComparer.Ordinal).Take(c.First(RangeArguments.MaxListed)).ToList());
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<PortfolioStatusGroupType>>>>("byStatus")
            .Description("By status; work without a status is in a group whose status is null, last.")
            .WithComplexityImpact(_ => Engine.Execution.Complexity.ListOf(new StatusEnum().Values.Count + 1))
            .Resolve(c => Group(c.Source, i => [i.Status]).OrderBy(g => g.Key ?? "\uffff", StringComparer.Ordinal).ToList());
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<PortfolioYearGroupType>>>>("byYear")
            .Description("By year, newest first; work without a year is in a group whose year is null, last.")
            .FirstArgument("years, the newest first", GroupsListed, RangeArguments.MaxListed)
            .Resolve(c => Group(c.Source, i => [i.Year?.ToString(System.Globalization.CultureInfo.InvariantCulture)])
                .OrderByDescending(g => g.Key is null ? long.MinValue : long.Parse(g.Key, System.Globalization.CultureInfo.InvariantCulture))
                .Take(c.First(RangeArguments.MaxListed)).ToList());
        DeliverablesField(this, "Its deliverables, by id; deliverableCount counts them all.", c => [.. c.Source.Items.Select(i => i.DeliverableId)]);
    }

    /// <summary>How many groups byTheme and byYear list by default.</summary>
    public const int GroupsListed = 100;

    /// <summary>
    /// A portfolio's or a group's <c>deliverables</c>: a connection, by id. The portfolio holds every id (the store's
    /// items are in id order, and each group keeps that order); only the page's nodes are read, in one batch.
    /// </summary>
    internal static void DeliverablesField<T>(ObjectGraphType<T> type, string description, Func<IResolveFieldContext<T>, IReadOnlyList<string>> deliverableIds) =>
        type.Field<NonNullGraphType<Engine.Relay.EntityConnectionType<DeliverableType>>>("deliverables")
            .Description(description)
            .Argument<StringGraphType>("after", "The cursor (endCursor) to page forwards from.")
            .FirstArgument("deliverables, the first by id", Engine.Relay.NodeConnections.DefaultPageSize, Engine.Relay.NodeConnections.MaxPageSize)
            .Resolve(c =>
            {
                const string Signature = "portfolio";
                var after = Engine.Relay.Cursors.DecodeId(c.GetArgument<string?>("after"), "after", Signature);
                var ids = deliverableIds(c);
                var (start, page) = Engine.Relay.EntityConnection.PageOf(ids, c.First(Engine.Relay.NodeConnections.MaxPageSize), after);
                return c.Loaders().Nodes(page).Then(nodes => Engine.Relay.EntityConnection.Of(nodes.OfType<GraphNode>().ToList(), start, ids.Count, Signature));
            });

    private static IEnumerable<PortfolioGroup> Group(Portfolio portfolio, Func<PortfolioItem, IEnumerable<string?>> keys) =>
        portfolio.Items
            .SelectMany(i => keys(i).Distinct().Select(k => (Key: k, i.DeliverableId)))
            .GroupBy(x => x.Key)
            .Select(g => new PortfolioGroup(g.Key, [.. g.Select(x => x.DeliverableId)]));
}

public abstract class PortfolioGroupType : ObjectGraphType<PortfolioGroup>
{
    protected PortfolioGroupType(string name, string description)
    {
        Name = name;
        Description = description;
        Field<NonNullGraphType<IntGraphType>>("count").Description("How many deliverables are in the group.").Resolve(c => c.Source.DeliverableIds.Count);
        PortfolioType.DeliverablesField(this, "The deliverables, by id; count counts them all.", c => c.Source.DeliverableIds);
    }
}

public sealed class PortfolioGoalGroupType : PortfolioGroupType
{
    public PortfolioGoalGroupType()
        : base("PortfolioGoalGroup", "An agency's deliverables aligned with one SDG goal.") =>
        Field<NonNullGraphType<SdgGoalType>>("goal").Description("The goal.").Resolve(c => c.Loaders().Node(Vocabulary.SdgGoalId(c.Source.Key!)));
}

public sealed class PortfolioThemeGroupType : PortfolioGroupType
{
    public PortfolioThemeGroupType()
        : base("PortfolioThemeGroup", "An agency's deliverables with one theme.") =>
        Field<NonNullGraphType<ThemeType>>("theme").Description("The theme.").Resolve(c => c.Loaders().Node(c.Source.Key!));
}

public sealed class PortfolioStatusGroupType : PortfolioGroupType
{
    public PortfolioStatusGroupType()
        : base("PortfolioStatusGroup", "An agency's deliverables with one status.") =>
        Field<StatusEnum>("status").Description("The status (null: the source reports none).").Resolve(c => c.Source.Key);
}

public sealed class PortfolioYearGroupType : PortfolioGroupType
{
    public PortfolioYearGroupType()
        : base("PortfolioYearGroup", "An agency's deliverables reported in one year.") =>
        Field<IntGraphType>("year").Description("The year (null: the source gives none).").Resolve(c => c.Source.Key is null ? null : int.Parse(c.Source.Key, System.Globalization.CultureInfo.InvariantCulture));
}
