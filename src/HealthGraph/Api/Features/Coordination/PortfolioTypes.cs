using GraphQL;
using GraphQL.DataLoader;
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

/// <summary>
/// An agency's portfolio: the agency, and the rule its goals are counted by. Its groups are read from the store when a
/// field asks for them, each with its count and a page of ids (<see cref="IGraphStore.GetPortfolioGroupsAsync"/>), never
/// every deliverable.
/// </summary>
public sealed record Portfolio(string AgencyId, AlignmentRule Rule);

/// <summary>A group of an agency's portfolio, as the store counted it.</summary>
public sealed record PortfolioGroupOf(Portfolio Portfolio, PortfolioGroup Group);

/// <summary>An agency's work, grouped.</summary>
public sealed class PortfolioType : ObjectGraphType<Portfolio>
{
    public PortfolioType()
    {
        Name = "Portfolio";
        Description = "An agency's work grouped by SDG goal, theme, status and year. A deliverable counts in every goal and theme it has.";
        Field<NonNullGraphType<OrganizationType>>("agency").Description("The agency.").Resolve(c => c.Loaders().Node(c.Source.AgencyId));
        Field<NonNullGraphType<IntGraphType>>("deliverableCount").Description("How many deliverables it has.")
            .Resolve(c => Groups(c, c.Source, PortfolioFacet.All, groups => groups.Sum(g => g.Group.Count)));
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<PortfolioGoalGroupType>>>>("byGoal")
            .Description("By SDG goal (directly, through a target, or through an outcome served), in the framework's order.")
            .WithComplexityImpact(c => Engine.Execution.Complexity.ListOf(Engine.Execution.Complexity.CountOf(c, NodeLabels.SdgGoal)))
            .Resolve(c => Groups(c, c.Source, PortfolioFacet.Goal, groups => groups.OrderBy(g => g.Group.Key, SdgCodeComparer.Instance).ToList()));
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<PortfolioThemeGroupType>>>>("byTheme")
            .Description("By theme, by theme id.")
            .FirstArgument("themes, the first by id", GroupsListed, RangeArguments.MaxListed)
            .Resolve(c => Groups(c, c.Source, PortfolioFacet.Theme, groups =>
                groups.OrderBy(g => g.Group.Key, StringComparer.Ordinal).Take(c.First(RangeArguments.MaxListed)).ToList()));
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<PortfolioStatusGroupType>>>>("byStatus")
            .Description("By status; work without a status is in a group whose status is null, last.")
            .WithComplexityImpact(_ => Engine.Execution.Complexity.ListOf(new StatusEnum().Values.Count + 1))
            .Resolve(c => Groups(c, c.Source, PortfolioFacet.Status, groups => groups.OrderBy(g => g.Group.Key ?? "\uffff", StringComparer.Ordinal).ToList()));
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<PortfolioYearGroupType>>>>("byYear")
            .Description("By year, newest first; work without a year is in a group whose year is null, last.")
            .FirstArgument("years, the newest first", GroupsListed, RangeArguments.MaxListed)
            .Resolve(c => Groups(c, c.Source, PortfolioFacet.Year, groups => groups
                .OrderByDescending(g => g.Group.Key is null ? long.MinValue : long.Parse(g.Group.Key, System.Globalization.CultureInfo.InvariantCulture))
                .Take(c.First(RangeArguments.MaxListed)).ToList()));
        DeliverablesField(this, "Its deliverables, by id; deliverableCount counts them all.", c => (c.Source, PortfolioFacet.All, null));
    }

    /// <summary>How many groups byTheme and byYear list by default.</summary>
    public const int GroupsListed = 100;

    /// <summary>
    /// The groups of one facet, from the store's grouping with a first page of <see cref="Engine.Relay.NodeConnections.DefaultPageSize"/>
    /// ids each (one more, to tell whether more follow): a group's <c>deliverables</c> with the default page reads no more.
    /// </summary>
    private static IDataLoaderResult Groups(
        IResolveFieldContext context, Portfolio portfolio, PortfolioFacet facet, Func<IEnumerable<PortfolioGroupOf>, object?> shape) =>
        context.Loaders().PortfolioGroups(portfolio.AgencyId, portfolio.Rule, Engine.Relay.NodeConnections.DefaultPageSize + 1, afterId: null)
            .Then(groups => shape(groups.Where(g => g.Facet == facet).Select(g => new PortfolioGroupOf(portfolio, g))));

    /// <summary>
    /// A portfolio's or a group's <c>deliverables</c>: a connection, by id, read from the store's grouping a page at a
    /// time (the first page with the groups themselves; a later one, or a larger one, in a round trip of its own).
    /// </summary>
    internal static void DeliverablesField<T>(ObjectGraphType<T> type, string description, Func<IResolveFieldContext<T>, (Portfolio Portfolio, PortfolioFacet Facet, string? Key)> group) =>
        type.Field<NonNullGraphType<Engine.Relay.EntityConnectionType<DeliverableType>>>("deliverables")
            .Description(description)
            .Argument<StringGraphType>("after", "The cursor (endCursor) to page forwards from.")
            .FirstArgument("deliverables, the first by id", Engine.Relay.NodeConnections.DefaultPageSize, Engine.Relay.NodeConnections.MaxPageSize)
            .Resolve(c =>
            {
                const string Signature = "portfolio";
                var after = Engine.Relay.Cursors.DecodeId(c.GetArgument<string?>("after"), "after", Signature);
                var first = c.First(Engine.Relay.NodeConnections.MaxPageSize);
                var (portfolio, facet, key) = group(c);
                var read = after is null && first <= Engine.Relay.NodeConnections.DefaultPageSize ? Engine.Relay.NodeConnections.DefaultPageSize + 1 : first + 1;
                return c.Loaders().PortfolioGroups(portfolio.AgencyId, portfolio.Rule, read, after).Then(groups =>
                {
                    var found = groups.FirstOrDefault(g => g.Facet == facet && g.Key == key);
                    IReadOnlyList<string> ids = [.. (found?.Ids ?? []).Take(first)];
                    var more = (found?.Ids.Count ?? 0) > first;
                    return c.Loaders().Nodes(ids).Then(nodes =>
                    {
                        var edges = nodes.OfType<GraphNode>().Select(n => new Engine.Relay.EntityEdge(n, Engine.Relay.Cursors.Encode(n.Id, Signature))).ToList();
                        return new Engine.Relay.EntityConnection(
                            edges, Engine.Relay.NodeConnections.PageInfo([.. edges.Select(e => e.Cursor)], more, after is not null), found?.Count ?? 0);
                    });
                });
            });
}

public abstract class PortfolioGroupType : ObjectGraphType<PortfolioGroupOf>
{
    protected PortfolioGroupType(string name, string description)
    {
        Name = name;
        Description = description;
        Field<NonNullGraphType<IntGraphType>>("count").Description("How many deliverables are in the group.").Resolve(c => c.Source.Group.Count);
        PortfolioType.DeliverablesField(this, "The deliverables, by id; count counts them all.", c => (c.Source.Portfolio, c.Source.Group.Facet, c.Source.Group.Key));
    }
}

public sealed class PortfolioGoalGroupType : PortfolioGroupType
{
    public PortfolioGoalGroupType()
        : base("PortfolioGoalGroup", "An agency's deliverables aligned with one SDG goal.") =>
        Field<NonNullGraphType<SdgGoalType>>("goal").Description("The goal.").Resolve(c => c.Loaders().Node(Vocabulary.SdgGoalId(c.Source.Group.Key!)));
}

public sealed class PortfolioThemeGroupType : PortfolioGroupType
{
    public PortfolioThemeGroupType()
        : base("PortfolioThemeGroup", "An agency's deliverables with one theme.") =>
        Field<NonNullGraphType<ThemeType>>("theme").Description("The theme.").Resolve(c => c.Loaders().Node(c.Source.Group.Key!));
}

public sealed class PortfolioStatusGroupType : PortfolioGroupType
{
    public PortfolioStatusGroupType()
        : base("PortfolioStatusGroup", "An agency's deliverables with one status.") =>
        Field<StatusEnum>("status").Description("The status (null: the source reports none).").Resolve(c => c.Source.Group.Key);
}

public sealed class PortfolioYearGroupType : PortfolioGroupType
{
    public PortfolioYearGroupType()
        : base("PortfolioYearGroup", "An agency's deliverables reported in one year.") =>
        Field<IntGraphType>("year").Description("The year (null: the source gives none).").Resolve(c => c.Source.Group.Key is null ? null : int.Parse(c.Source.Group.Key, System.Globalization.CultureInfo.InvariantCulture));
}
