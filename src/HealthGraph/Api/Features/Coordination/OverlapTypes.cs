using GraphQL;
using GraphQL.Types;
using HealthGraph.Api.Engine.Errors;
using HealthGraph.Api.Engine.Execution;
using HealthGraph.Api.Engine.Loading;
using HealthGraph.Api.Features.Common;
using HealthGraph.Api.Features.Organizations;
using HealthGraph.Api.Features.Sdgs;
using HealthGraph.Api.Features.Themes;
using HealthGraph.Graph;
using HealthGraph.Store;

namespace HealthGraph.Api.Features.Coordination;

public sealed class OverlapDimensionEnum : EnumerationGraphType<OverlapDimension>
{
    public OverlapDimensionEnum()
    {
        Name = "OverlapDimension";
        Description = "What two agencies' work can overlap in.";
        Value(OverlapDimension.Target).Description = "SDG targets their work is aligned with.";
        Value(OverlapDimension.Goal).Description = "SDG goals their work is aligned with (directly or through a target).";
        Value(OverlapDimension.Theme).Description = "Themes they or their work are tagged with.";
        Value(OverlapDimension.Outcome).Description = "Outcomes their work serves.";
        Value(OverlapDimension.Counterpart).Description = "National counterparts their work supports.";
        Value(OverlapDimension.Region).Description =
            "Regions (first-level administrative units, such as Tajikistan's Khatlon) their work is located in, directly or through a district, subdistrict or site within them.";
    }

    private EnumValueDefinition Value(OverlapDimension dimension) => Values.FindByValue(dimension)!;
}

/// <summary>What two agencies share in one dimension.</summary>
public sealed class DimensionOverlapType : ObjectGraphType<DimensionOverlap>
{
    public DimensionOverlapType()
    {
        Name = "DimensionOverlap";
        Description = "What two agencies share in one dimension (targets, goals, themes, outcomes or counterparts), and how strongly.";
        Field<NonNullGraphType<OverlapDimensionEnum>>("dimension").Description("The dimension.").Resolve(c => c.Source.Dimension);
        Field<NonNullGraphType<IntGraphType>>("sharedCount").Description("How many items both agencies have.").Resolve(c => c.Source.SharedCount);
        Field<NonNullGraphType<IntGraphType>>("countA").Description("How many items agency A has in this dimension.").Resolve(c => c.Source.CountA);
        Field<NonNullGraphType<IntGraphType>>("countB").Description("How many items agency B has in this dimension.").Resolve(c => c.Source.CountB);
        Field<NonNullGraphType<FloatGraphType>>("jaccard")
            .Description("The Jaccard index: shared items over all items of either agency (0 = nothing in common, 1 = exactly the same).")
            .Resolve(c => c.Source.Jaccard);
        SharedItems.AddTo(this, "The items both agencies have, by id.", c => c.Source);
    }
}

/// <summary>The <c>shared</c> field of an overlap: its items, all or the first few (sharedCount stays exact).</summary>
internal static class SharedItems
{
    public static void AddTo<T>(ObjectGraphType<T> type, string description, Func<IResolveFieldContext<T>, DimensionOverlap> overlap) =>
        type.Field<NonNullGraphType<ListGraphType<NonNullGraphType<EntityInterface>>>>("shared")
            .Description($"{description} sharedCount counts them all, however many are listed.")
            .FirstArgument("items, the first by id", Engine.Relay.NodeConnections.DefaultPageSize, RangeArguments.MaxListed)
            .Resolve(c => Load(c, overlap(c), c.First(RangeArguments.MaxListed)));

    /// <summary>The first items of an overlap's shared ones, as nodes: read only when it shares some and some are asked for.</summary>
    public static object Load(IResolveFieldContext context, DimensionOverlap overlap, int first) =>
        overlap.SharedCount == 0 || first == 0
            ? Array.Empty<GraphNode>()
            : overlap.SharedItems is { } known
                ? context.Loaders().Nodes([.. known.Take(first)])
                : context.Loaders().SharedItems(overlap.Key, first).Then(ids => context.Loaders().Nodes(ids));
}

/// <summary>A pair of agencies and what they share.</summary>
public sealed class PartnerOverlapType : ObjectGraphType<PartnerOverlap>
{
    public PartnerOverlapType()
    {
        Name = "PartnerOverlap";
        Description = "Two agencies whose work overlaps, and what they share in each dimension.";
        Field<NonNullGraphType<OrganizationType>>("agencyA").Description("The first agency (by id).").Resolve(c => c.Loaders().Node(c.Source.AgencyA));
        Field<NonNullGraphType<OrganizationType>>("agencyB").Description("The second agency (by id).").Resolve(c => c.Loaders().Node(c.Source.AgencyB));
        Dimension("targets", OverlapDimension.Target, "The SDG targets both work on.");
        Dimension("goals", OverlapDimension.Goal, "The SDG goals both work on.");
        Dimension("themes", OverlapDimension.Theme, "The themes both work on.");
        Dimension("outcomes", OverlapDimension.Outcome, "The outcomes both serve.");
        Dimension("counterparts", OverlapDimension.Counterpart, "The national counterparts both support.");
        Dimension("regions", OverlapDimension.Region, "The regions both work in.");
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<DimensionOverlapType>>>>("dimensions")
            .Description("Every dimension in which either agency has something, in a fixed order (TARGET, GOAL, THEME, OUTCOME, COUNTERPART, REGION).")
            .Resolve(c => c.Source.Dimensions.OrderBy(d => d.Dimension).ToList());
    }

    private void Dimension(string name, OverlapDimension dimension, string description) =>
        Field<NonNullGraphType<DimensionOverlapType>>(name)
            .Description($"{description} Counts are 0 when neither agency has any.")
            .Resolve(c => c.Source.Of(dimension));
}

/// <summary>An agency × agency matrix of overlaps in one dimension.</summary>
public sealed record OverlapMatrix(OverlapDimension Dimension, IReadOnlyList<string> AgencyIds, IReadOnlyList<OverlapCell> Cells);

public sealed record OverlapCell(string AgencyA, string AgencyB, DimensionOverlap Overlap);

public sealed class OverlapMatrixType : ObjectGraphType<OverlapMatrix>
{
    public OverlapMatrixType()
    {
        Name = "OverlapMatrix";
        Description = "Agencies × agencies: for each ordered pair of different agencies, what they share in one dimension. Rows and columns are the agencies, in order.";
        Field<NonNullGraphType<OverlapDimensionEnum>>("dimension").Description("The dimension the cells measure.").Resolve(c => c.Source.Dimension);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<OrganizationType>>>>("agencies")
            .Description("The agencies, in row and column order (by id).")
            .WithComplexityImpact(c => Complexity.ListOf(CoordinationQueries.MatrixAgencies(c.Parent!.Value)))
            .Resolve(c => c.Loaders().Nodes(c.Source.AgencyIds));
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<OverlapCellType>>>>("cells")
            .Description("One cell per ordered pair of different agencies (both A×B and B×A), row by row; pairs that share nothing have sharedCount 0.")
            .WithComplexityImpact(c => CoordinationQueries.MatrixAgencies(c.Parent!.Value) is var n ? Complexity.ListOf((double)n * (n - 1)) : default)
            .Resolve(c => c.Source.Cells);
    }
}

public sealed class OverlapCellType : ObjectGraphType<OverlapCell>
{
    public OverlapCellType()
    {
        Name = "OverlapCell";
        Description = "One cell of an overlap matrix: what the row agency and the column agency share.";
        Field<NonNullGraphType<OrganizationType>>("row").Description("The row's agency.").Resolve(c => c.Loaders().Node(c.Source.AgencyA));
        Field<NonNullGraphType<OrganizationType>>("column").Description("The column's agency.").Resolve(c => c.Loaders().Node(c.Source.AgencyB));
        Field<NonNullGraphType<IntGraphType>>("sharedCount").Description("How many items both have.").Resolve(c => c.Source.Overlap.SharedCount);
        Field<NonNullGraphType<FloatGraphType>>("jaccard").Description("The Jaccard index of the two agencies' items.").Resolve(c => c.Source.Overlap.Jaccard);
        SharedItems.AddTo(this, "The items both have, by id.", c => c.Source.Overlap);
    }
}

/// <summary>Another agency worth teaming up with.</summary>
public sealed class PotentialPartnerType : ObjectGraphType<PotentialPartner>
{
    public PotentialPartnerType()
    {
        Name = "PotentialPartner";
        Description = "Another agency working on the same SDG targets or themes, with a score to rank by.";
        Field<NonNullGraphType<OrganizationType>>("agency").Description("The other agency.").Resolve(c => c.Loaders().Node(c.Source.AgencyId));
        Field<NonNullGraphType<FloatGraphType>>("score")
            .Description("Jaccard index of shared SDG targets plus Jaccard index of shared themes (0 to 2): higher means more in common, relative to the size of both portfolios.")
            .Resolve(c => c.Source.Score);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<SdgTargetType>>>>("sharedTargets")
            .Description("The SDG targets both work on, by id.")
            .FirstArgument("targets", Engine.Relay.NodeConnections.DefaultPageSize, RangeArguments.MaxListed)
            .Resolve(c => SharedItems.Load(c, c.Source.Overlap.Of(OverlapDimension.Target), c.First(RangeArguments.MaxListed)));
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<ThemeType>>>>("sharedThemes")
            .Description("The themes both work on, by id.")
            .FirstArgument("themes", Engine.Relay.NodeConnections.DefaultPageSize, RangeArguments.MaxListed)
            .Resolve(c => SharedItems.Load(c, c.Source.Overlap.Of(OverlapDimension.Theme), c.First(RangeArguments.MaxListed)));
        Field<NonNullGraphType<PartnerOverlapType>>("overlap").Description("Everything the two share.").Resolve(c => c.Source.Overlap);
    }
}
