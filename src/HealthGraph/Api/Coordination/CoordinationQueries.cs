using GraphQL;
using GraphQL.Types;
using HealthGraph.Api.Common;
using HealthGraph.Api.Errors;
using HealthGraph.Api.Sdgs;
using HealthGraph.Graph;
using HealthGraph.Store;

namespace HealthGraph.Api.Coordination;

/// <summary>The coordination questions: overlaps, coverage, alignment, partners, connections, neighbourhoods, portfolios.</summary>
public static class CoordinationQueries
{
    /// <summary>How many agencies <c>overlapMatrix</c> shows by default, and at most.</summary>
    public const int DefaultMatrixAgencies = 25;

    public const int MaxMatrixAgencies = 100;

    /// <summary>The longest connection <c>connections</c> looks for.</summary>
    public const int MaxHops = 6;

    /// <summary>How many relationships <c>neighbourhood</c> lists by default, and at most.</summary>
    public const int DefaultNeighbourhoodRelationships = 50;

    public const int MaxNeighbourhoodRelationships = 500;

    public static void AddCoordinationQueries(this ObjectGraphType query)
    {
        query.Field<NonNullGraphType<ListGraphType<NonNullGraphType<PartnerOverlapType>>>>("partnerOverlaps")
            .Description("Which pairs of agencies share SDG targets, goals, themes, outcomes or national counterparts, what exactly they share, and how strongly. Only pairs that share something are listed, by agency ids.")
            .Argument<ListGraphType<NonNullGraphType<IdGraphType>>>("agencyIds", "Only pairs among these agencies (default: all agencies).")
            .Argument<BasisEnum>("basis", "Count only alignments and links of this basis (default: stated and inferred).")
            .ResolveAsync(async c => await c.Store().GetPartnerOverlapsAsync(AgencyIds(c), c.GetArgument<Basis?>("basis"), cancellationToken: c.CancellationToken));

        query.Field<NonNullGraphType<OverlapMatrixType>>("overlapMatrix")
            .Description("Agencies × agencies: what each pair shares in one dimension, as a matrix for a heatmap.")
            .Argument<ListGraphType<NonNullGraphType<IdGraphType>>>("agencyIds", "The agencies of the matrix (default: the UN agencies, then the agencies that share the most with others, up to `first`).")
            .Argument<NonNullGraphType<OverlapDimensionEnum>>("dimension", "What to measure.", a => a.DefaultValue = OverlapDimension.Target)
            .Argument<BasisEnum>("basis", "Count only links of this basis (default: both).")
            .Argument<NonNullGraphType<IntGraphType>>(
                "first",
                $"Without agencyIds: at most this many agencies (1 to {MaxMatrixAgencies}): the UN agencies first, then those sharing the most items with other agencies in the dimension (the sum of their sharedCount over all pairs), then those sharing only in other dimensions; ties by id. Ignored with agencyIds.",
                a => a.DefaultValue = DefaultMatrixAgencies)
            .ResolveAsync(async c => await OverlapMatrixAsync(c));

        query.Field<GoalCoverageType>("goalCoverage")
            .Description("For an SDG goal: every target with the work and agencies behind it, and whether it is a gap, single-agency or shared (null when there is no such goal).")
            .Argument<NonNullGraphType<StringGraphType>>("goal", "The goal's number, such as \"8\".")
            .Argument<BasisEnum>("basis", "Count only alignments of this basis (default: both). STATED shows what sources say themselves.")
            .WorkListedArgument("deliverables, outcomes and contributions listed per target, and goal-level contributions")
            .ResolveAsync(async c => await c.Store().GetGoalCoverageAsync(c.GetArgument<string>("goal").Trim(), c.GetArgument<Basis?>("basis"), c.WorkListed(), c.CancellationToken));

        query.Field<NonNullGraphType<AlignmentMatrixType>>("alignmentMatrix")
            .Description("Agencies × SDG goals (or targets), with the number of pieces of work and the items in each cell.")
            .Argument<NonNullGraphType<AlignmentLevelEnum>>("level", "A column per goal or per target.", a => a.DefaultValue = AlignmentLevel.Goal)
            .Argument<BasisEnum>("basis", "Count only alignments of this basis (default: both).")
            .ResolveAsync(async c =>
            {
                var level = c.GetArgument<AlignmentLevel>("level");
                var cells = await c.Store().GetAlignmentMatrixAsync(level, c.GetArgument<Basis?>("basis"), c.CancellationToken);
                return new AlignmentMatrix(
                    level,
                    [.. cells.Select(x => x.AgencyId).Distinct().Order(StringComparer.Ordinal)],
                    [.. cells.DistinctBy(x => x.SdgId).OrderBy(x => x.SdgCode, SdgCodeComparer.Instance).Select(x => x.SdgId)],
                    [.. cells.OrderBy(x => x.AgencyId, StringComparer.Ordinal).ThenBy(x => x.SdgCode, SdgCodeComparer.Instance)]);
            });

        query.Field<NonNullGraphType<ListGraphType<NonNullGraphType<PotentialPartnerType>>>>("potentialPartners")
            .Description("For an agency: the other agencies working on the same SDG targets or themes, best partner first.")
            .Argument<NonNullGraphType<IdGraphType>>("agencyId", "The agency looking for partners, such as \"who\".")
            .Argument<BasisEnum>("basis", "Count only links of this basis (default: both).")
            .Argument<NonNullGraphType<IntGraphType>>("first", "At most this many partners (1 to 100).", a => a.DefaultValue = 10)
            .ResolveAsync(async c =>
            {
                var first = c.GetArgumentInRange("first", 1, 100);

                var partners = await c.Store().GetPotentialPartnersAsync(c.GetArgument<string>("agencyId"), c.GetArgument<Basis?>("basis"), c.CancellationToken);
                return partners.Take(first).ToList();
            });

        query.Field<NonNullGraphType<ListGraphType<NonNullGraphType<PathType>>>>("connections")
            .Description("How two entities are connected: all shortest paths between them, following relationships in either direction, up to maxHops long (empty when there is none that short).")
            .Argument<NonNullGraphType<IdGraphType>>("from", "The id of the entity to start from, such as \"iom\".")
            .Argument<NonNullGraphType<IdGraphType>>("to", "The id of the entity to reach, such as \"sdg-target-1.3\".")
            .Argument<NonNullGraphType<IntGraphType>>("maxHops", $"The longest path to look for (1 to {MaxHops}).", a => a.DefaultValue = 4)
            .ResolveAsync(async c =>
            {
                var maxHops = c.GetArgumentInRange("maxHops", 1, MaxHops);

                return await c.Store().FindShortestPathsAsync(c.GetArgument<string>("from"), c.GetArgument<string>("to"), maxHops, c.CancellationToken);
            });

        query.Field<NeighbourhoodType>("neighbourhood")
            .Description("The entity with this id and the relationships around it, in both directions: for exploring the graph one step at a time (null when there is no such entity).")
            .Argument<NonNullGraphType<IdGraphType>>("id", "The entity's id, such as \"who\" or \"sdg-target-8.3\".")
            .Argument<NonNullGraphType<IntGraphType>>(
                "first",
                $"At most this many relationships (0 to {MaxNeighbourhoodRelationships}), by relationship type and then the other entity's id; relationshipCount is exact whatever it is.",
                a => a.DefaultValue = DefaultNeighbourhoodRelationships)
            .ResolveAsync(async c =>
            {
                var first = c.GetArgumentInRange("first", 0, MaxNeighbourhoodRelationships);

                return await c.Store().GetNeighbourhoodAsync(c.GetArgument<string>("id"), first, c.CancellationToken);
            });

        query.Field<PortfolioType>("portfolio")
            .Description("For an agency: its work by SDG goal, theme, status and year (null when there is no such organization).")
            .Argument<NonNullGraphType<IdGraphType>>("agencyId", "The agency, such as \"ilo\".")
            .ResolveAsync(async c =>
            {
                var agencyId = c.GetArgument<string>("agencyId");
                var agency = (await c.Store().GetNodesAsync([agencyId], c.CancellationToken)).SingleOrDefault();
                return agency?.Label == NodeLabels.Organization
                    ? new Portfolio(agencyId, await c.Store().GetPortfolioAsync(agencyId, c.CancellationToken))
                    : null;
            });
    }

    private static List<string>? AgencyIds(IResolveFieldContext context) => context.GetArgument<List<string>?>("agencyIds");

    private static async Task<OverlapMatrix> OverlapMatrixAsync(IResolveFieldContext context)
    {
        var store = context.Store();
        var dimension = context.GetArgument<OverlapDimension>("dimension");
        var basis = context.GetArgument<Basis?>("basis");
        var first = context.GetArgumentInRange("first", 1, MaxMatrixAgencies);

        // Without agencyIds: the best `first` agencies first; then the overlaps of the pairs among them, in the one dimension.
        IEnumerable<string> agencies = AgencyIds(context) ?? await store.GetOverlapMatrixAgenciesAsync(dimension, basis, first, context.CancellationToken);
        var overlaps = await store.GetPartnerOverlapsAsync([.. agencies.Distinct()], basis, dimension, context.CancellationToken);

        var ids = agencies.Distinct().Order(StringComparer.Ordinal).ToList();
        var byPair = overlaps.ToDictionary(o => (o.AgencyA, o.AgencyB));
        var cells = new List<OverlapCell>();
        foreach (var row in ids)
        {
            foreach (var column in ids.Where(c => c != row))
            {
                var key = string.CompareOrdinal(row, column) < 0 ? (row, column) : (column, row);
                var overlap = byPair.TryGetValue(key, out var pair)
                    ? PartnerOverlapType.Of(pair, dimension)
                    : new DimensionOverlap(dimension, 0, 0, 0, []);
                cells.Add(new OverlapCell(row, column, key.Item1 == row ? overlap : overlap with { CountA = overlap.CountB, CountB = overlap.CountA }));
            }
        }

        return new OverlapMatrix(dimension, ids, cells);
    }
}
