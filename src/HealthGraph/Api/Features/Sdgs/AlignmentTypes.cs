using GraphQL;
using GraphQL.Builders;
using GraphQL.DataLoader;
using GraphQL.Types;
using HealthGraph.Api.Engine.Errors;
using HealthGraph.Api.Engine.Execution;
using HealthGraph.Api.Engine.Loading;
using HealthGraph.Api.Features.Common;
using HealthGraph.Api.Features.Deliverables;
using HealthGraph.Api.Features.Organizations;
using HealthGraph.Api.Features.Outcomes;
using HealthGraph.Graph;
using HealthGraph.Store;

namespace HealthGraph.Api.Features.Sdgs;

/// <summary>An alignment of a piece of work with an SDG goal or target.</summary>
public sealed class AlignmentType : ObjectGraphType<Neighbour>
{
    public AlignmentType()
    {
        Name = "Alignment";
        Description = "A link from a deliverable or outcome to an SDG target (or, when the source names only the goal, to a goal), with its basis and source.";
        Field<SdgTargetType>("target")
            .Description("The target it is aligned with (null for an alignment with a whole goal).")
            .Resolve(c => c.Source.Node.Label == NodeLabels.SdgTarget ? c.Source.Node : null);
        Field<NonNullGraphType<SdgGoalType>>("goal")
            .Description("The goal: the one aligned with, or the target's goal.")
            .Resolve(c => c.Source.Node.Label == NodeLabels.SdgGoal
                ? c.Source.Node
                : c.Loaders().Node(Vocabulary.SdgGoalId(c.Source.Node.GetString("goalCode")!)));
        Field<NonNullGraphType<StringGraphType>>("code").Description("The code of the target or goal, such as '8.3' or '8'.").Resolve(c => c.Source.Node.GetString(NodeProperties.Code));
        Field<NonNullGraphType<BasisEnum>>("basis").Description("Stated by the source, or inferred by a curator.").Resolve(c => c.Source.Relationship.Provenance.Basis);
        Field<NonNullGraphType<ProvenanceType>>("provenance").Description("The source, excerpt and (for an inference) reason.").Resolve(c => c.Source.Relationship.Provenance);
    }
}

/// <summary>Work that is either a deliverable or an outcome.</summary>
public sealed class WorkUnion : UnionGraphType
{
    public WorkUnion()
    {
        Name = "Work";
        Description = "A piece of work behind an alignment: a deliverable, or an outcome of a results framework.";
        Type<DeliverableType>();
        Type<OutcomeType>();
    }
}

/// <summary>A piece of work behind an SDG goal or target.</summary>
/// <summary>A contribution to one SDG goal or target: the store's contribution, and the goal or target it is behind.</summary>
public sealed record SdgContribution(Contribution Contribution, string SdgId)
{
    public static IReadOnlyList<SdgContribution> Of(IEnumerable<Contribution> contributions, string sdgId) => [.. contributions.Select(c => new SdgContribution(c, sdgId))];
}

/// <summary>The alignment a contribution stands on, and the outcome it goes through (for work that counts through one).</summary>
public sealed record ContributionLink(GraphRelationship Alignment, string? OutcomeId);

public sealed class ContributionType : ObjectGraphType<SdgContribution>
{
    public ContributionType()
    {
        Name = "Contribution";
        Description = "A piece of work behind an SDG goal or target, the agency behind the work, and the alignment it stands on, with its source.";
        Field<NonNullGraphType<WorkUnion>>("work").Description("The deliverable or outcome.").Resolve(c => c.Loaders().Node(c.Source.Contribution.Item.Id));
        Field<NonNullGraphType<StringGraphType>>("workName").Description("The work's name, for display.").Resolve(c => c.Source.Contribution.Item.Name);
        Field<NonNullGraphType<OrganizationType>>("agency").Description("The agency behind the work.").Resolve(c => c.Loaders().Node(c.Source.Contribution.AgencyId));
        Field<NonNullGraphType<BasisEnum>>("basis").Description("Whether the alignment is stated by the source or inferred.").Resolve(c => c.Source.Contribution.Basis);
        Field<StringGraphType>("reason").Description("For an inferred alignment: the curator's reason.").Resolve(c => c.Source.Contribution.Reason);
        Field<NonNullGraphType<BooleanGraphType>>("viaOutcome")
            .Description("True when the work counts because it serves an outcome that is aligned (not because it is aligned itself).")
            .Resolve(c => c.Source.Contribution.ViaOutcome);
        Field<RelationshipType>("alignment")
            .Description("The alignment it stands on: the link from the work (or, through an outcome, from the outcome) to this goal or target, or to one of the goal's targets, with its source document and excerpt or its reason. Null only if the link was removed since this answer was read.")
            .Resolve(c => Link(c.Loaders(), c.Source).Then(link => ((ContributionLink?)link)?.Alignment));
        Field<AlignmentPathEnum>("path")
            .Description("How the work is aligned with this goal or target: directly, through one of the goal's targets, or through an outcome it serves (AlignmentPath). Null only if the link was removed since this answer was read.")
            .Resolve(c => Link(c.Loaders(), c.Source).Then(link => link is ContributionLink { } found
                ? found.OutcomeId is not null ? AlignmentPaths.ViaOutcome : found.Alignment.ToId == c.Source.SdgId ? AlignmentPaths.Direct : AlignmentPaths.ViaTarget
                : null));
        Field<OutcomeType>("outcome")
            .Description("For work that counts through an outcome (viaOutcome): the outcome it serves that is aligned; null otherwise.")
            .Resolve(c => c.Source.Contribution.ViaOutcome
                ? Link(c.Loaders(), c.Source).Then(link => ((ContributionLink?)link)?.OutcomeId is { } id ? c.Loaders().Node(id) : null)
                : null);
    }

    /// <summary>
    /// The link behind a contribution, as the store chose it (the strongest: its basis and reason): among the work's
    /// own alignments, or (via an outcome) those of the outcomes it serves, one that reaches the SDG node or one of its
    /// targets with the contribution's basis and reason; the SDG node itself first, then by the outcome's and target's id.
    /// Its value is a <see cref="ContributionLink"/> or null. Batched reads, however many contributions a query lists.
    /// </summary>
    internal static IDataLoaderResult Link(GraphLoaders loaders, SdgContribution source)
    {
        var contribution = source.Contribution;
        return loaders.Relationships(source.SdgId, RelationshipTypes.HasTarget, Direction.Outgoing).Then(targets =>
        {
            var reached = targets.Select(t => t.ToId).Append(source.SdgId).ToHashSet(StringComparer.Ordinal);
            object? Pick(IEnumerable<GraphRelationship> alignments) => alignments
                .Where(a => reached.Contains(a.ToId) && a.Provenance.Basis == contribution.Basis && a.Provenance.Reason == contribution.Reason)
                .OrderBy(a => a.ToId == source.SdgId ? 0 : 1)
                .ThenBy(a => a.FromId, StringComparer.Ordinal)
                .ThenBy(a => a.ToId, StringComparer.Ordinal)
                .Select(a => new ContributionLink(a, contribution.ViaOutcome ? a.FromId : null))
                .FirstOrDefault();
            return contribution.ViaOutcome
                ? loaders.Relationships(contribution.Item.Id, RelationshipTypes.Serves, Direction.Outgoing).Then(served =>
                    loaders.Relationships(served.Select(r => r.ToId), RelationshipTypes.AlignsWith, Direction.Outgoing).Then(lists => Pick(lists.SelectMany(l => l))))
                : loaders.Relationships(contribution.Item.Id, RelationshipTypes.AlignsWith, Direction.Outgoing).Then(Pick);
        });
    }
}

public static class AlignmentFields
{
    /// <summary>The <c>alignments</c> field of a deliverable or outcome.</summary>
    public static void AddAlignmentsField(this ObjectGraphType<GraphNode> type) =>
        type.Field<NonNullGraphType<ListGraphType<NonNullGraphType<AlignmentType>>>>("alignments")
            .Description("The SDG targets and goals this work is aligned with, each with its basis and source.")
            .Argument<BasisEnum>("basis", "Only alignments of this basis (default: every basis).")
            .Resolve(c =>
            {
                var basis = c.GetArgument<Basis?>("basis");
                return c.Loaders().Neighbours(c.Source.Id, RelationshipTypes.AlignsWith, Direction.Outgoing).Then(ns =>
                    ((IReadOnlyList<Neighbour>)ns!)
                        .Where(n => basis is null || n.Relationship.Provenance.Basis == basis)
                        .OrderBy(n => n.Node.GetString(NodeProperties.Code), SdgCodeComparer.Instance)
                        .ToList());
            });

    /// <summary>How many contributions, deliverables and outcomes a list of the work behind an SDG node shows by default.</summary>
    public const int DefaultWorkListed = 100;

    /// <summary>Declares the <c>first</c> argument that bounds the lists of the work behind an SDG node.</summary>
    public static FieldBuilder<TSource, TReturn> WorkListedArgument<TSource, TReturn>(this FieldBuilder<TSource, TReturn> field, string what) =>
        field.FirstArgument($"{what}; the counts are exact whatever it is", DefaultWorkListed, RangeArguments.MaxListed);

    /// <summary>The field's <c>first</c> argument, checked: between 0 and <see cref="RangeArguments.MaxListed"/>.</summary>
    public static int WorkListed(this IResolveFieldContext context) => context.First(RangeArguments.MaxListed);

    /// <summary>The <c>contributions</c>, <c>contributionCount</c> and <c>agencies</c> fields of an SDG goal or target.</summary>
    public static void AddContributionFields(this ObjectGraphType<GraphNode> type, string what)
    {
        type.Field<NonNullGraphType<ListGraphType<NonNullGraphType<ContributionType>>>>("contributions")
            .Description($"The work aligned with {what}, with the agency behind each piece and the basis of the alignment, by agency and then work id.")
            .Argument<BasisEnum>("basis", "Only alignments of this basis (default: every basis).")
            .WorkListedArgument("contributions listed")
            .WithComplexityImpact(c => Complexity.WorkBehindAnSdg(c, DefaultWorkListed))
            .Resolve(c => c.Loaders().WorkBehind(c.Source.Id, c.GetArgument<Basis?>("basis"), c.WorkListed()).Then(w => SdgContribution.Of(w.Contributions, c.Source.Id)));
        type.Field<NonNullGraphType<IntGraphType>>("contributionCount")
            .Description($"How many contributions there are to {what} (one per piece of work and agency), however many are listed.")
            .Argument<BasisEnum>("basis", "Only alignments of this basis (default: every basis).")
            .WithComplexityImpact(c => Complexity.WorkBehindAnSdg(c, 1))
            .Resolve(c => c.Loaders().WorkBehind(c.Source.Id, c.GetArgument<Basis?>("basis"), 0).Then(w => w.ContributionCount));
        type.Field<NonNullGraphType<ListGraphType<NonNullGraphType<OrganizationType>>>>("agencies")
            .Description($"The agencies whose work is aligned with {what}, by id.")
            .Argument<BasisEnum>("basis", "Only alignments of this basis (default: every basis).")
            .FirstArgument("agencies, the first by id", Engine.Relay.NodeConnections.DefaultPageSize, RangeArguments.MaxListed)
            .WithComplexityImpact(c => Complexity.WorkBehindAnSdg(c, Engine.Relay.NodeConnections.DefaultPageSize))
            .Resolve(c =>
            {
                var first = c.First(RangeArguments.MaxListed);
                return c.Loaders().WorkBehind(c.Source.Id, c.GetArgument<Basis?>("basis"), 0).Then(w => c.Loaders().Nodes(w.AgencyIds.Take(first)));
            });
    }
}
