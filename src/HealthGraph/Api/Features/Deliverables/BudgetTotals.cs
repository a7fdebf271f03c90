using GraphQL;
using GraphQL.Types;
using HealthGraph.Api.Engine.Errors;
using HealthGraph.Api.Engine.Execution;
using HealthGraph.Api.Features.Common;
using HealthGraph.Api.Features.Coordination;
using HealthGraph.Graph;
using HealthGraph.Ingest.Iati;
using HealthGraph.Store;

namespace HealthGraph.Api.Features.Deliverables;

/// <summary>What budget totals are grouped by.</summary>
public enum BudgetGrouping
{
    Goal,
    Target,
    Region,
    Organization,
}

/// <summary>
/// The budget of one piece of work, per currency: its budgets' sum, the revised ones where it has any (IATI BudgetType 2
/// replaces 1), never converted. An IATI record that another publisher's record of the same activity stands for
/// (iatiCountedInTotals 0, as amountTotals reads it) has none, so that an activity counts once.
/// </summary>
public static class WorkBudget
{
    public static IReadOnlyDictionary<string, decimal> Of(GraphNode work)
    {
        if (work.GetInt64(NodeProperties.IatiCountedInTotals) == 0)
        {
            return new Dictionary<string, decimal>();
        }

        var budgets = work.GetStrings(NodeProperties.Amounts).Select(IatiGraphMapper.ParseAmount).Where(a => a.Kind == IatiAmount.Budget).ToList();
        var counted = budgets.Any(b => b.Type == "2") ? budgets.Where(b => b.Type == "2") : budgets;
        return counted.GroupBy(b => b.Currency, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Sum(b => b.Value), StringComparer.Ordinal);
    }
}

/// <summary>The budgets of the work in one group (a goal, a target, a region, an organization), per currency.</summary>
public sealed record BudgetGroup(GraphNode Group, long WorkCount, int BudgetedCount, IReadOnlyList<Money> Totals)
{
    /// <summary>How many pieces of work in the group have no budget: they are in no total.</summary>
    public long WithoutBudgetCount => WorkCount - BudgetedCount;
}

public sealed class BudgetGroupingEnum : EnumerationGraphType<BudgetGrouping>
{
    public BudgetGroupingEnum()
    {
        Name = "BudgetGrouping";
        Description = "What budget totals are grouped by.";
        Values.FindByValue(BudgetGrouping.Goal)!.Description = "Each SDG goal: the work aligned with it, as the deliverables filter alignedWith counts it (directly, through a target or through an outcome it serves).";
        Values.FindByValue(BudgetGrouping.Target)!.Description = "Each target of the goal given by `goal`, as alignedWith counts it.";
        Values.FindByValue(BudgetGrouping.Region)!.Description = "Each region of the country given by `country`: the work located in it or in a place within it.";
        Values.FindByValue(BudgetGrouping.Organization)!.Description = "Each organization given by `organizations`: the work it delivers or funds.";
    }
}

public sealed class BudgetGroupType : ObjectGraphType<BudgetGroup>
{
    public BudgetGroupType()
    {
        Name = "BudgetGroup";
        Description = "The budgets of the work in one group, per currency (never converted), and how much of its work has no budget.";
        Field<NonNullGraphType<EntityInterface>>("group").Description("The goal, target, region or organization.").Resolve(c => c.Source.Group);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<MoneyType>>>>("totals")
            .Description("The sum of its work's budgets in each currency, by currency: one piece of work in several groups counts in each.")
            .Resolve(c => c.Source.Totals);
        Field<NonNullGraphType<IntGraphType>>("workCount").Description("How many pieces of work (deliverables) are in the group.").Resolve(c => (int)c.Source.WorkCount);
        Field<NonNullGraphType<IntGraphType>>("budgetedCount").Description("How many of them have a budget, in the totals.").Resolve(c => c.Source.BudgetedCount);
        Field<NonNullGraphType<IntGraphType>>("withoutBudgetCount").Description("How many of them have no budget: the totals say nothing of them.").Resolve(c => (int)c.Source.WithoutBudgetCount);
    }
}

public static class BudgetTotalsQuery
{
    /// <summary>The most groups one request totals (a goal's targets are at most 19, a country's regions rarely more).</summary>
    public const int MaxGroups = 50;

    private const int PageSize = 1_000;

    public static void AddBudgetTotalsQuery(this ObjectGraphType query) =>
        query.Field<NonNullGraphType<ListGraphType<NonNullGraphType<BudgetGroupType>>>>("budgetTotals")
            .Description($"Budgets by SDG goal, target, region or organization, per currency (never converted with invented rates), each group saying how many of its pieces of work have no budget. Budgets are the work's own (a workbook's budget column, an IATI activity's budgets: revised where given, else original; an activity reported by several publishers counts once). At most {MaxGroups} groups.")
            .Argument<NonNullGraphType<BudgetGroupingEnum>>("by", "What to group by.")
            .Argument<StringGraphType>("goal", "With by: TARGET, the goal whose targets are the groups (\"3\" or \"sdg-goal-3\").")
            .Argument<IdGraphType>("country", "With by: REGION, the country whose regions are the groups.", a => a.DefaultValue = "place-tjk")
            .Argument<ListGraphType<NonNullGraphType<IdGraphType>>>("organizations", $"With by: ORGANIZATION, the organizations (at most {MaxGroups}; default: the agencies the overlap matrix shows, UN agencies first): the work each delivers or funds.")
            .WorkLimitArguments()
            .WithComplexityImpact(c => new(1 + MaxGroups * Complexity.Scan(Complexity.CountOf(c, NodeLabels.Deliverable), 1), 1))
            .ResolveAsync(async c => await TotalsAsync(c));

    private static async Task<IReadOnlyList<BudgetGroup>> TotalsAsync(IResolveFieldContext c)
    {
        var store = c.Store();
        var groups = await GroupsAsync(c, store);
        var limit = (await c.WorkLimitAsync())?.Filter;
        var budgeted = new FieldCondition(NodeField.Property(NodeProperties.Amounts), FilterOperator.Contains, [IatiAmount.Budget]);
        var totals = new List<BudgetGroup>();
        foreach (var (group, field) in groups)
        {
            NodeFilter inGroup = limit is null ? field : new AllOf([field, limit]);
            var count = (await store.ListNodesAsync(new NodeListQuery(NodeLabels.Deliverable, inGroup, First: 0), c.CancellationToken)).TotalCount;
            var sums = new SortedDictionary<string, decimal>(StringComparer.Ordinal);
            var withBudget = 0;
            await foreach (var page in store.PagesAsync(NodeLabels.Deliverable, new AllOf([inGroup, budgeted]), [], PageSize, c.CancellationToken))
            {
                foreach (var work in page)
                {
                    var budget = WorkBudget.Of(work);
                    withBudget += budget.Count > 0 ? 1 : 0;
                    foreach (var (currency, amount) in budget)
                    {
                        sums[currency] = sums.GetValueOrDefault(currency) + amount;
                    }
                }
            }

            totals.Add(new BudgetGroup(group, count, withBudget, [.. sums.Select(s => new Money(s.Value, s.Key))]));
        }

        return totals;
    }

    /// <summary>The groups asked for, each with the condition that finds its work.</summary>
    private static async Task<IReadOnlyList<(GraphNode Group, NodeFilter Work)>> GroupsAsync(IResolveFieldContext c, IGraphStore store)
    {
        var by = c.GetArgument<BudgetGrouping>("by");
        NodeFilter Where(NodeField field, string id) => new FieldCondition(field, FilterOperator.Equals, [id]);
        NodeFilter Aligned(GraphNode sdg) => Where(NodeField.Aligned(AlignmentRule.Any), sdg.Id);
        async Task<IReadOnlyList<GraphNode>> ListAsync(string label, NodeFilter? filter, IReadOnlyList<NodeOrder> order) =>
            (await store.ListNodesAsync(new NodeListQuery(label, filter, order, First: MaxGroups) { CountTotal = false }, c.CancellationToken)).Nodes;

        switch (by)
        {
            case BudgetGrouping.Goal:
                return [.. (await ListAsync(NodeLabels.SdgGoal, null, [new NodeOrder(NodeField.Property(NodeProperties.Position))])).Select(g => (g, Aligned(g)))];
            case BudgetGrouping.Target:
                var goal = c.GetArgument<string?>("goal") ?? throw new ApiError(ErrorCodes.InvalidInput, "budgetTotals(by: TARGET) needs the goal whose targets are the groups.", "goal", "GOAL_REQUIRED");
                var targets = await ListAsync(NodeLabels.SdgTarget, Where(NodeField.Related(RelationshipTypes.HasTarget, Direction.Incoming), Vocabulary.SdgGoalId(Vocabulary.SdgGoalCode(goal))),
                    [new NodeOrder(NodeField.Property(NodeProperties.Position))]);
                return [.. targets.Select(t => (t, Aligned(t)))];
            case BudgetGrouping.Region:
                var regions = await Coordination.RegionCoverageQuery.RegionsOfAsync(store, c.GetArgument<string>("country"), c.CancellationToken);
                return [.. regions.Select(r => (r, Where(NodeField.Within, r.Id)))];
            default:
                var ids = c.GetArgument<List<string>?>("organizations")
                    ?? [.. await store.GetOverlapMatrixAgenciesAsync(OverlapDimension.Target, null, MaxGroups, c.CancellationToken)];
                if (ids.Count > MaxGroups)
                {
                    throw new ApiError(ErrorCodes.InvalidInput, $"budgetTotals totals at most {MaxGroups} organizations at once (it was given {ids.Count}).", "organizations", "TOO_MANY");
                }

                var found = (await store.GetNodesAsync(ids, c.CancellationToken)).Where(n => n.Label == NodeLabels.Organization).ToDictionary(n => n.Id, StringComparer.Ordinal);
                var roles = new[] { RelationshipTypes.Delivers, RelationshipTypes.Funds };
                return [.. ids.Where(found.ContainsKey).Select(id => (found[id], (NodeFilter)new AnyOf([.. roles.Select(t => Where(NodeField.Related(t, Direction.Incoming), id))])))];
        }
    }
}
