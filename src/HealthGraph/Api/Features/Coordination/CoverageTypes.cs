using GraphQL;
using GraphQL.Types;
using GraphQL.Types.Relay;
using GraphQL.Types.Relay.DataObjects;
using GraphQL.Validation.Complexity;
using HealthGraph.Api.Engine.Errors;
using HealthGraph.Api.Engine.Execution;
using HealthGraph.Api.Features.Common;
using HealthGraph.Api.Features.Deliverables;
using HealthGraph.Api.Features.Organizations;
using HealthGraph.Api.Features.Outcomes;
using HealthGraph.Api.Features.Sdgs;
using HealthGraph.Graph;
using HealthGraph.Store;

namespace HealthGraph.Api.Features.Coordination;

public sealed class CoverageStatusEnum : EnumerationGraphType
{
    public CoverageStatusEnum()
    {
        Name = "CoverageStatus";
        Description = "Whether anyone works on an SDG target.";
        Add("GAP", CoverageStatus.Gap, "No agency's work is aligned with it: a gap.");
        Add("SINGLE_AGENCY", CoverageStatus.SingleAgency, "One agency's work is aligned with it.");
        Add("SHARED", CoverageStatus.Shared, "Several agencies' work is aligned with it: room to coordinate.");
    }
}

/// <summary>An SDG goal's coverage.</summary>
public sealed class GoalCoverageType : ObjectGraphType<GoalCoverage>
{
    /// <summary>The most targets one SDG goal has (goal 17 has 19).</summary>
    public const int MostTargetsOfAGoal = 19;

    /// <summary>A list bounded by goalCoverage's first: priced by it.</summary>
    internal static FieldComplexityResult WorkListedAbove(FieldImpactContext context) =>
        Complexity.ListOf(Complexity.AncestorArgument(context, "first", AlignmentFields.DefaultWorkListed));

    public GoalCoverageType()
    {
        Name = "GoalCoverage";
        Description = "Every target of an SDG goal with the work and agencies behind it, and which targets are gaps.";
        Field<NonNullGraphType<SdgGoalType>>("goal").Description("The goal.").Resolve(c => c.Source.Goal);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<TargetCoverageType>>>>("targets")
            .Description("Every target of the goal, in the framework's order.")
            .WithComplexityImpact(_ => Complexity.ListOf(MostTargetsOfAGoal))
            .Resolve(c => c.Source.Targets);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<ContributionType>>>>("goalLevel")
            .Description("Work aligned with the goal as a whole (its source names no target), by agency and then work id; at most goalCoverage's `first`.")
            .WithComplexityImpact(WorkListedAbove)
            .Resolve(c => SdgContribution.Of(c.Source.GoalLevel, c.Source.Goal.Id));
        Field<NonNullGraphType<IntGraphType>>("goalLevelCount")
            .Description("How many contributions goalLevel has in all, however many it lists.")
            .Resolve(c => c.Source.GoalWork.ContributionCount);
        Field<NonNullGraphType<IntGraphType>>("gapCount").Description("How many targets no agency works on.").Resolve(c => c.Source.Targets.Count(t => t.Status == CoverageStatus.Gap));
        Field<NonNullGraphType<IntGraphType>>("singleAgencyCount").Description("How many targets exactly one agency works on.").Resolve(c => c.Source.Targets.Count(t => t.Status == CoverageStatus.SingleAgency));
        Field<NonNullGraphType<IntGraphType>>("sharedCount").Description("How many targets several agencies work on.").Resolve(c => c.Source.Targets.Count(t => t.Status == CoverageStatus.Shared));
    }
}

/// <summary>One target's coverage.</summary>
public sealed class TargetCoverageType : ObjectGraphType<TargetCoverage>
{
    public TargetCoverageType()
    {
        Name = "TargetCoverage";
        Description = "One SDG target: whether it is a gap, single-agency or shared, and the work and agencies behind it.";
        Field<NonNullGraphType<SdgTargetType>>("target").Description("The target.").Resolve(c => c.Source.Target);
        Field<NonNullGraphType<CoverageStatusEnum>>("status").Description("Gap, single-agency or shared.").Resolve(c => c.Source.Status);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<OrganizationType>>>>("agencies")
            .Description("The agencies whose work is aligned with it, by id. agencyCount counts them all, however many are listed.")
            .FirstArgument("agencies, the first by id", Engine.Relay.NodeConnections.DefaultPageSize, RangeArguments.MaxListed)
            .Resolve(c => c.Loaders().Nodes(c.Source.AgencyIds.Take(c.First(RangeArguments.MaxListed))));
        Field<NonNullGraphType<IntGraphType>>("agencyCount")
            .Description("How many agencies' work is aligned with it, however many are listed.")
            .Resolve(c => c.Source.AgencyIds.Count);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<DeliverableType>>>>("deliverables")
            .Description("The deliverables aligned with it (themselves, or through an outcome they serve), by id; at most goalCoverage's `first`.")
            .WithComplexityImpact(GoalCoverageType.WorkListedAbove)
            .Resolve(c => c.Loaders().Nodes(c.Source.Work.DeliverableIds));
        Field<NonNullGraphType<IntGraphType>>("deliverableCount")
            .Description("How many deliverables are aligned with it, however many are listed.")
            .Resolve(c => c.Source.Work.DeliverableCount);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<OutcomeType>>>>("outcomes")
            .Description("The outcomes aligned with it, by id; at most goalCoverage's `first`.")
            .WithComplexityImpact(GoalCoverageType.WorkListedAbove)
            .Resolve(c => c.Loaders().Nodes(c.Source.Work.OutcomeIds));
        Field<NonNullGraphType<IntGraphType>>("outcomeCount")
            .Description("How many outcomes are aligned with it, however many are listed.")
            .Resolve(c => c.Source.Work.OutcomeCount);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<ContributionType>>>>("contributions")
            .Description("Each piece of work behind it with its agency and the basis of the alignment (one per piece of work and agency, the strongest link), by agency and then work id; at most goalCoverage's `first`.")
            .WithComplexityImpact(GoalCoverageType.WorkListedAbove)
            .Resolve(c => SdgContribution.Of(c.Source.Contributions, c.Source.Target.Id));
        Field<NonNullGraphType<IntGraphType>>("contributionCount")
            .Description("How many contributions it has, however many are listed.")
            .Resolve(c => c.Source.Work.ContributionCount);
    }
}

public sealed class AlignmentLevelEnum : EnumerationGraphType
{
    public AlignmentLevelEnum()
    {
        Name = "AlignmentLevel";
        Description = "Whether an alignment matrix has a column per SDG goal or per SDG target.";
        Add("GOAL", AlignmentLevel.Goal, "A column per goal (work aligned with a target counts for its goal).");
        Add("TARGET", AlignmentLevel.Target, "A column per target.");
    }
}

/// <summary>A page of an alignment matrix's rows: the agencies of the page, their cells and columns, and where the page is.</summary>
public sealed record AlignmentMatrix(
    AlignmentLevel Level, IReadOnlyList<string> AgencyIds, IReadOnlyList<string> SdgIds, IReadOnlyList<AlignmentCell> Cells, int AgencyCount, PageInfo PageInfo);

/// <summary>Agencies × SDG goals (or targets).</summary>
public sealed class AlignmentMatrixType : ObjectGraphType<AlignmentMatrix>
{
    public AlignmentMatrixType()
    {
        Name = "AlignmentMatrix";
        Description = "Agencies × SDG goals (or targets): which agency's work is aligned with which, with the items behind each cell. Only non-empty cells are listed.";
        Field<NonNullGraphType<AlignmentLevelEnum>>("level").Description("Goals or targets.").Resolve(c => c.Source.Level);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<OrganizationType>>>>("agencies")
            .Description("The rows of this page: the agencies with at least one cell, by id (alignmentMatrix's first and after choose the page).")
            .WithComplexityImpact(c => Complexity.ListOf(Complexity.AncestorArgument(c, "first", Engine.Relay.NodeConnections.DefaultPageSize)))
            .Resolve(c => c.Loaders().Nodes(c.Source.AgencyIds));
        Field<NonNullGraphType<IntGraphType>>("agencyCount")
            .Description("How many agencies have at least one cell, in all pages.")
            .Resolve(c => c.Source.AgencyCount);
        Field<NonNullGraphType<PageInfoType>>("pageInfo")
            .Description("Where this page of rows is: its first and last agency's cursors, and whether more rows follow (page on with after: endCursor).")
            .Resolve(c => c.Source.PageInfo);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<EntityInterface>>>>("columns")
            .Description("The goals (or targets) with at least one cell in this page, in the framework's order: the columns.")
            .WithComplexityImpact(c => Complexity.ListOf(Columns(c.Parent!.Value)))
            .Resolve(c => c.Loaders().Nodes(c.Source.SdgIds));
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<AlignmentCellType>>>>("cells")
            .Description("The non-empty cells of this page's agencies, by agency and then in the framework's order.")
            .WithComplexityImpact(c => Complexity.ListOf((double)Complexity.AncestorArgument(c, "first", Engine.Relay.NodeConnections.DefaultPageSize) * Columns(c.Parent!.Value)))
            .Resolve(c => c.Source.Cells);
    }

    /// <summary>The most columns of the matrix <paramref name="matrix"/> asks for: the SDG goals, or (at TARGET level, or when the level is not known) the targets.</summary>
    private static long Columns(FieldImpactContext matrix)
    {
        var level = matrix.Arguments?.TryGetValue("level", out var given) == true ? given.Value : matrix.FieldDefinition.Arguments?.Find("level")?.DefaultValue;
        return Complexity.CountOf(matrix, level is AlignmentLevel.Goal ? NodeLabels.SdgGoal : NodeLabels.SdgTarget);
    }
}

public sealed class AlignmentCellType : ObjectGraphType<AlignmentCell>
{
    public AlignmentCellType()
    {
        Name = "AlignmentCell";
        Description = "One cell of an alignment matrix: an agency's work aligned with one goal or target.";
        Field<NonNullGraphType<OrganizationType>>("agency").Description("The row's agency.").Resolve(c => c.Loaders().Node(c.Source.AgencyId));
        Field<NonNullGraphType<StringGraphType>>("code").Description("The column's goal number or target code.").Resolve(c => c.Source.SdgCode);
        Field<NonNullGraphType<EntityInterface>>("sdg").Description("The column's goal or target.").Resolve(c => c.Loaders().Node(c.Source.SdgId));
        Field<NonNullGraphType<IntGraphType>>("count").Description("How many pieces of work are behind the cell.").Resolve(c => c.Source.Items.Count);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<ContributionType>>>>("items")
            .Description("The work behind the cell, with the basis of each alignment; count counts it all.")
            .WorkListedArgument("pieces of work")
            .Resolve(c => SdgContribution.Of(c.Source.Items.Take(c.WorkListed()), c.Source.SdgId));
    }
}

/// <summary>A shortest path between two entities.</summary>
public sealed class PathType : ObjectGraphType<GraphPath>
{
    public PathType()
    {
        Name = "Path";
        Description = "A shortest chain of relationships between two entities (followed in either direction).";
        Field<NonNullGraphType<IntGraphType>>("length").Description("How many relationships the path has.").Resolve(c => c.Source.Length);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<EntityInterface>>>>("entities")
            .Description("The entities along the path, from the start to the end.")
            .Resolve(c => c.Source.Nodes);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<RelationshipType>>>>("relationships")
            .Description("The relationships along the path, in order; each keeps its own direction (from, to).")
            .Resolve(c => c.Source.Relationships);
    }
}

/// <summary>An entity with the relationships around it, for exploring the graph a step at a time.</summary>
public sealed class NeighbourhoodType : ObjectGraphType<Neighbourhood>
{
    public NeighbourhoodType()
    {
        Name = "Neighbourhood";
        Description = "An entity and the relationships that start or end at it.";
        Field<NonNullGraphType<EntityInterface>>("entity").Description("The entity at the centre.").Resolve(c => c.Source.Node);
        Field<NonNullGraphType<IntGraphType>>("relationshipCount")
            .Description("How many relationships start or end at the entity, in all.")
            .Resolve(c => c.Source.RelationshipCount);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<RelationshipType>>>>("relationships")
            .Description("The first relationships (see first): each keeps its own direction, so the entity is either its from or its to.")
            .WithComplexityImpact(c => Complexity.ListOf(Complexity.AncestorArgument(c, "first", CoordinationQueries.DefaultNeighbourhoodRelationships)))
            .Resolve(c => c.Source.Relationships);
    }
}
