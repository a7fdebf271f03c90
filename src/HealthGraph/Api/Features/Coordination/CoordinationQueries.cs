using GraphQL;
using GraphQL.Types;
using GraphQL.Validation.Complexity;
using HealthGraph.Api.Engine.Errors;
using HealthGraph.Api.Engine.Execution;
using HealthGraph.Api.Engine.Relay;
using HealthGraph.Api.Features.Common;
using HealthGraph.Api.Features.Sdgs;
using HealthGraph.Graph;
using HealthGraph.Store;

namespace HealthGraph.Api.Features.Coordination;

/// <summary>The coordination questions: overlaps, coverage, alignment, partners, connections, neighbourhoods, portfolios.</summary>
public static class CoordinationQueries
{
    /// <summary>How many agencies <c>overlapMatrix</c> shows by default, and at most.</summary>
    public const int DefaultMatrixAgencies = 25;

    public const int MaxMatrixAgencies = 100;

    /// <summary>The longest connection <c>connections</c> looks for: the store contract's limit.</summary>
    public const int MaxHops = GraphPath.MaxHops;

    /// <summary>How many relationships <c>neighbourhood</c> lists by default, and at most.</summary>
    public const int DefaultNeighbourhoodRelationships = 50;

    public const int MaxNeighbourhoodRelationships = 500;

    public static void AddCoordinationQueries(this ObjectGraphType query)
    {
        query.Field<NonNullGraphType<ItemConnectionType<PartnerOverlapType, PartnerOverlap>>>("partnerOverlaps")
            .Description("Which pairs of agencies share SDG targets, goals, themes, outcomes or national counterparts, what exactly they share, and how strongly. Only pairs that share something are listed, by agency ids (A, then B), a page at a time.")
            .Argument<ListGraphType<NonNullGraphType<IdGraphType>>>("agencyIds", "Only pairs among these agencies (at most GraphQL:Limits:MaxBatchSize, 100 by default; default: all agencies).")
            .Argument<BasisEnum>("basis", "Count only alignments and links of this basis (default: every basis).")
            .FirstArgument("pairs", Engine.Relay.NodeConnections.DefaultPageSize, Engine.Relay.NodeConnections.MaxPageSize)
            .Argument<StringGraphType>("after", "The cursor (pageInfo.endCursor) to page on from.")
            .WorkLimitArguments()
            .WithComplexityImpact(PartnerOverlapsPrice)
            .ResolveAsync(async c =>
            {
                var first = c.First(Engine.Relay.NodeConnections.MaxPageSize);
                const string Signature = "partnerOverlaps";
                var after = Engine.Relay.Cursors.DecodeParts(c.GetArgument<string?>("after"), "after", Signature, 2);
                var basis = c.GetArgument<Basis?>("basis");
                var cursor = after is null ? null : string.Join(' ', after);
                if (await c.WorkLimitAsync() is { } limit)
                {
                    // Limited: the pairs counted from the links of the work in the limit, then paged.
                    var among = await ExistingAgenciesAsync(c);
                    var rows = await c.Store().GetLimitedAgencyItemsAsync(limit, basis, among, c.CancellationToken);
                    return ItemConnection.Page(OverlapCounting.Limited(rows, basis, among), PairKey, first, cursor, Signature);
                }

                if (await ExistingAgenciesAsync(c) is { } agencies)
                {
                    var pairs = agencies.Count < 2 ? [] : await c.Store().GetPartnerOverlapsAsync(agencies, basis, cancellationToken: c.CancellationToken);
                    return ItemConnection.Page(pairs, PairKey, first, cursor, Signature);
                }

                // Every agency: the page is read a few agencies at a time, and the pairs are counted only when totalCount is asked for.
                var store = c.Store();
                var (page, hasNextPage) = await PartnerOverlapPages.PageAsync(store, basis, null, after is [var a, var b] ? (a, b) : null, first, c.CancellationToken);
                return ItemConnection.Of(page, PairKey, hasNextPage, after is not null, -1, Signature) with
                {
                    Count = cancellationToken => PartnerOverlapPages.CountAsync(store, basis, null, cancellationToken),
                };
            });

        query.Field<NonNullGraphType<OverlapMatrixType>>("overlapMatrix")
            .Description("Agencies × agencies: what each pair shares in one dimension, as a matrix for a heatmap.")
            .Argument<ListGraphType<NonNullGraphType<IdGraphType>>>("agencyIds", "The agencies of the matrix (default: the UN agencies, then the agencies that share the most with others, up to `first`).")
            .Argument<NonNullGraphType<OverlapDimensionEnum>>("dimension", "What to measure.", a => a.DefaultValue = OverlapDimension.Target)
            .Argument<BasisEnum>("basis", "Count only links of this basis (default: every basis).")
            .Argument<NonNullGraphType<IntGraphType>>(
                "first",
                $"Without agencyIds: at most this many agencies (1 to {MaxMatrixAgencies}): the UN agencies first, then those sharing the most items with other agencies in the dimension (the sum of their sharedCount over all pairs), then those sharing only in other dimensions; ties by id. Ignored with agencyIds.",
                a => a.DefaultValue = DefaultMatrixAgencies)
            .WorkLimitArguments()
            .WithComplexityImpact(OverlapMatrixPrice)
            .ResolveAsync(async c => await OverlapMatrixAsync(c));

        query.Field<GoalCoverageType>("goalCoverage")
            .Description("For an SDG goal: every target with the work and agencies behind it, and whether it is a gap, single-agency or shared (null when there is no such goal).")
            .Argument<NonNullGraphType<StringGraphType>>("goal", "The goal's number, such as \"8\", or its id, \"sdg-goal-8\".")
            .Argument<BasisEnum>("basis", "Count only alignments of this basis (default: every basis). STATED shows what sources say themselves.")
            .WorkListedArgument("deliverables, outcomes and contributions listed per target, and goal-level contributions")
            .WorkLimitArguments()
            .WithComplexityImpact(c => WorkLimits.IsLimited(c)
                ? new(WorkLimits.LinksOfAllWork(c), 1)
                : Complexity.WholeGraph(c, RelationshipTypes.AlignsWith, RelationshipTypes.Delivers, RelationshipTypes.Serves))
            .ResolveAsync(async c => await c.Store().GetGoalCoverageAsync(
                Vocabulary.SdgGoalCode(c.GetArgument<string>("goal")), c.GetArgument<Basis?>("basis"), c.WorkListed(), await c.WorkLimitAsync(), c.CancellationToken));

        query.Field<NonNullGraphType<AlignmentMatrixType>>("alignmentMatrix")
            .Description("Agencies × SDG goals (or targets), with the number of pieces of work and the items in each cell: a page of rows (agencies) at a time.")
            .Argument<NonNullGraphType<AlignmentLevelEnum>>("level", "A column per goal or per target.", a => a.DefaultValue = AlignmentLevel.Goal)
            .Argument<BasisEnum>("basis", "Count only alignments of this basis (default: every basis).")
            .FirstArgument("agencies (rows), by id", Engine.Relay.NodeConnections.DefaultPageSize, Engine.Relay.NodeConnections.MaxPageSize)
            .Argument<StringGraphType>("after", "The cursor (pageInfo.endCursor) to page on from.")
            .WithComplexityImpact(c => Complexity.WholeGraph(
                c, RelationshipTypes.AlignsWith, RelationshipTypes.Delivers, RelationshipTypes.Serves, RelationshipTypes.InFramework, RelationshipTypes.ManagedBy))
            .ResolveAsync(async c => await AlignmentMatrixAsync(c));

        query.Field<NonNullGraphType<ListGraphType<NonNullGraphType<PotentialPartnerType>>>>("potentialPartners")
            .Description("For an agency: the other agencies working on the same SDG targets or themes, best partner first.")
            .Argument<NonNullGraphType<IdGraphType>>("agencyId", "The agency looking for partners, such as \"who\".")
            .Argument<BasisEnum>("basis", "Count only links of this basis (default: every basis).")
            .Argument<NonNullGraphType<IntGraphType>>("first", "At most this many partners (1 to 100).", a => a.DefaultValue = 10)
            .WithComplexityImpact(c => Complexity.WholeGraph(c, RelationshipTypes.AlignsWith, RelationshipTypes.HasTheme) with { ChildImpactMultiplier = Complexity.PageSize(c, 10) })
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
            .WithComplexityImpact(c => Complexity.EveryRelationship(c) with { ChildImpactMultiplier = GraphPath.MaxShortestPaths })
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
            .WithComplexityImpact(c => new(1 + Complexity.PageSize(c, DefaultNeighbourhoodRelationships), 1))
            .ResolveAsync(async c =>
            {
                var first = c.GetArgumentInRange("first", 0, MaxNeighbourhoodRelationships);

                return await c.Store().GetNeighbourhoodAsync(c.GetArgument<string>("id"), first, c.CancellationToken);
            });

        query.Field<PortfolioType>("portfolio")
            .Description("For an agency: its work by SDG goal, theme, status and year (null when there is no such organization).")
            .Argument<NonNullGraphType<IdGraphType>>("agencyId", "The agency, such as \"ilo\".")
            .Argument<BasisEnum>("basis", "Count only alignments with this basis in byGoal (default: every basis).")
            .Argument<ListGraphType<NonNullGraphType<AlignmentPathEnum>>>("via", "Count only these paths to a goal in byGoal (default: all, as the deliverables filter alignedWith and goal coverage count).")
            .WithComplexityImpact(c => Complexity.EveryEntityOf(c, NodeLabels.Deliverable))
            .ResolveAsync(async c =>
            {
                var agencyId = c.GetArgument<string>("agencyId");
                var alignment = new AlignmentRule(AlignmentPathEnum.Of(c.GetArgument<object?>("via")), c.GetArgument<Basis?>("basis"));
                // Through the request's node loader, so that the portfolio's agency field reads no more.
                var agency = await c.Loaders().Node(agencyId).GetResultAsync(c.CancellationToken);
                return agency?.Label == NodeLabels.Organization
                    ? new Portfolio(agencyId, alignment)
                    : null;
            });
    }

    /// <summary>
    /// The price of <c>partnerOverlaps</c>: the agencies' links read once and their pairs built, and the page listed.
    /// With agencyIds, the pairs among them; without, the page is read an agency at a time (the first agency's pairs
    /// with every other, usually enough), and totalCount, when asked for, reads every pair of every agency.
    /// </summary>
    private static FieldComplexityResult PartnerOverlapsPrice(FieldImpactContext context)
    {
        var links = AgencyLinks(context);
        var listed = Complexity.PageSize(context, NodeConnections.DefaultPageSize);
        if (WorkLimits.IsLimited(context))
        {
            // Limited: the links of the work in the limit (at most all work's), every pair among the agencies counted.
            var all = (double)GraphRequest.Of(context.ValidationContext.UserContext).Sizes.NodesByLabel.GetValueOrDefault(NodeLabels.Organization);
            return new(WorkLimits.LinksOfAllWork(context) + Pairs(Complexity.IdCount(context, "agencyIds") is var among and >= 0 ? among : all), listed);
        }

        if (Complexity.IdCount(context, "agencyIds") is var named and >= 0)
        {
            return new(links + Pairs(named), listed);
        }

        var agencies = (double)GraphRequest.Of(context.ValidationContext.UserContext).Sizes.NodesByLabel.GetValueOrDefault(NodeLabels.Organization);
        var page = (2 * links) + agencies;
        return new(Complexity.Selects(context, "totalCount") ? page + (links * Math.Ceiling(agencies / PartnerOverlapPages.MaxAgenciesAtOnce)) + Pairs(agencies) : page, listed);
    }

    /// <summary>The price of <c>overlapMatrix</c>: the agencies' links read (twice without agencyIds: once to choose the agencies) and their pairs built.</summary>
    private static FieldComplexityResult OverlapMatrixPrice(FieldImpactContext context)
    {
        var links = AgencyLinks(context);
        var chosen = Complexity.IdCount(context, "agencyIds") >= 0 ? 0 : links;
        var counted = WorkLimits.IsLimited(context) ? WorkLimits.LinksOfAllWork(context) : links;
        return new(counted + chosen + Pairs(MatrixAgencies(context)), 1);
    }

    /// <summary>What reading every agency's links costs (the relationships they are made of, read once).</summary>
    private static double AgencyLinks(FieldImpactContext context) => Complexity.WholeGraph(
        context, RelationshipTypes.AlignsWith, RelationshipTypes.HasTheme, RelationshipTypes.Serves, RelationshipTypes.Supports, RelationshipTypes.Delivers).FieldImpact;

    /// <summary>The pairs of <paramref name="agencies"/> agencies.</summary>
    private static double Pairs(double agencies) => Math.Max(0, agencies * (agencies - 1) / 2);

    /// <summary>How many agencies an overlap matrix has: its agencyIds, else its first.</summary>
    internal static int MatrixAgencies(FieldImpactContext context) =>
        Complexity.IdCount(context, "agencyIds") is var named and >= 0 ? named : Complexity.PageSize(context, DefaultMatrixAgencies);

    private static async Task<AlignmentMatrix> AlignmentMatrixAsync(IResolveFieldContext context)
    {
        var level = context.GetArgument<AlignmentLevel>("level");
        var first = context.First(Engine.Relay.NodeConnections.MaxPageSize);
        var signature = $"alignmentMatrix:{level}";
        var after = Engine.Relay.Cursors.DecodeId(context.GetArgument<string?>("after"), "after", signature);
        var basis = context.GetArgument<Basis?>("basis");

        // The rows first, then the cells of this page's rows only.
        var agencies = await context.Store().GetAlignedAgenciesAsync(level, basis, context.CancellationToken);
        var page = agencies.Where(a => after is null || string.CompareOrdinal(a, after) > 0).Take(first + 1).ToList();
        var rows = page.Take(first).ToList();
        var pageCells = rows.Count == 0 ? [] : await context.Store().GetAlignmentMatrixAsync(level, basis, rows, context.CancellationToken);
        return new AlignmentMatrix(
            level,
            [.. page.Take(first)],
            [.. pageCells.DistinctBy(x => x.SdgId).OrderBy(x => x.SdgCode, SdgCodeComparer.Instance).Select(x => x.SdgId)],
            pageCells,
            agencies.Count,
            Engine.Relay.NodeConnections.PageInfo([.. page.Take(first).Select(a => Engine.Relay.Cursors.Encode(a, signature))], page.Count > first, after is not null));
    }

    /// <summary>
    /// The agencyIds argument, each once, at most MaxBatchSize (INVALID_INPUT, TOO_MANY), and only those that are
    /// organizations: the work is done for the agencies that exist, whatever else is named; null when it is not given.
    /// </summary>
    private static async Task<List<string>?> ExistingAgenciesAsync(IResolveFieldContext context)
    {
        if (context.GetIdList("agencyIds") is not { } ids)
        {
            return null;
        }

        var existing = (await context.Store().GetNodesAsync(ids, context.CancellationToken))
            .Where(n => n.Label == NodeLabels.Organization).Select(n => n.Id).ToHashSet(StringComparer.Ordinal);
        return [.. ids.Where(existing.Contains)];
    }

    /// <summary>A pair's place in the list (by agency A, then B): a space sorts before every character of an id.</summary>
    private static string PairKey(PartnerOverlap pair) => string.Join(' ', pair.AgencyA, pair.AgencyB);

    private static async Task<OverlapMatrix> OverlapMatrixAsync(IResolveFieldContext context)
    {
        var store = context.Store();
        var dimension = context.GetArgument<OverlapDimension>("dimension");
        var basis = context.GetArgument<Basis?>("basis");
        var first = context.GetArgumentInRange("first", 1, MaxMatrixAgencies);

        // Without agencyIds: the best `first` agencies first; then the overlaps of the pairs among them, in the one dimension.
        // Limited, the agencies are chosen as without a limit, so that the matrix keeps its rows and columns from one
        // period or place to the next; the overlaps are counted from the work in the limit.
        var limit = await context.WorkLimitAsync();
        IEnumerable<string> agencies = await ExistingAgenciesAsync(context) ?? await store.GetOverlapMatrixAgenciesAsync(dimension, basis, first, context.CancellationToken);
        var overlaps = limit is null
            ? await store.GetPartnerOverlapsAsync([.. agencies.Distinct()], basis, dimension, context.CancellationToken)
            : OverlapCounting.Limited(await store.GetLimitedAgencyItemsAsync(limit, basis, [.. agencies.Distinct()], context.CancellationToken), basis, [.. agencies.Distinct()], dimension);

        var ids = agencies.Distinct().Order(StringComparer.Ordinal).ToList();
        var byPair = overlaps.ToDictionary(o => (o.AgencyA, o.AgencyB));
        var cells = new List<OverlapCell>();
        foreach (var row in ids)
        {
            foreach (var column in ids.Where(c => c != row))
            {
                var key = string.CompareOrdinal(row, column) < 0 ? (row, column) : (column, row);
                var overlap = byPair.TryGetValue(key, out var pair)
                    ? pair.Of(dimension)
                    : new DimensionOverlap(new SharedItemsKey(key.Item1, key.Item2, dimension, basis), 0, 0, 0);
                cells.Add(new OverlapCell(row, column, key.Item1 == row ? overlap : overlap with { CountA = overlap.CountB, CountB = overlap.CountA }));
            }
        }

        return new OverlapMatrix(dimension, ids, cells);
    }
}
