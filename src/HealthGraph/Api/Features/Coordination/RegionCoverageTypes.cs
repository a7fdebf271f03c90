using GraphQL;
using GraphQL.Types;
using HealthGraph.Api.Engine.Errors;
using HealthGraph.Api.Engine.Execution;
using HealthGraph.Api.Features.Common;
using HealthGraph.Api.Features.Organizations;
using HealthGraph.Api.Features.Places;
using HealthGraph.Graph;
using HealthGraph.Store;

namespace HealthGraph.Api.Features.Coordination;

/// <summary>A country's regions and the agencies whose work is in each: where the gaps are, where several work.</summary>
public sealed record RegionCoverage(GraphNode Country, IReadOnlyList<RegionWork> Regions);

/// <summary>A region and the agencies whose work is located in it (or in a place within it).</summary>
public sealed record RegionWork(GraphNode Region, ItemHolders Holders);

public static class RegionCoverageQuery
{
    /// <summary>The most regions one country's coverage lists (Afghanistan has 34 provinces; a gazetteer more is cut here, and said).</summary>
    public const int MaxRegions = 100;

    public const int DefaultAgencies = 10;

    public static void AddRegionCoverageQuery(this ObjectGraphType query) =>
        query.Field<RegionCoverageType>("regionCoverage")
            .Description($"For a country: every region (first-level administrative unit) with the agencies whose work is located in it or in a district, subdistrict or site within it, and which regions are gaps (null when there is no such country). Read from the partner-overlap aggregate's REGION dimension (limited to a period, from the work active in it). At most {MaxRegions} regions, by name.")
            .Argument<NonNullGraphType<IdGraphType>>("country", "The country's place id, such as \"place-tjk\".", a => a.DefaultValue = "place-tjk")
            .Argument<BasisEnum>("basis", "Count only LOCATED_IN links of this basis (default: every basis).")
            .Argument<NonNullGraphType<IntGraphType>>("agencies", "At most this many agencies listed per region (0 to 100), most links first.", a => a.DefaultValue = DefaultAgencies)
            .WorkLimitArguments(withPlace: false)
            // At most MaxRegions regions read, each with its holders by index (not the graph); limited to a period, the
            // links of the work in it.
            .WithComplexityImpact(c => new(1 + Complexity.Scan(MaxRegions, 1) + (WorkLimits.IsLimited(c) ? WorkLimits.LinksOfAllWork(c) : 0), 1))
            .ResolveAsync(async c =>
            {
                var agencies = c.GetArgumentInRange("agencies", 0, 100);
                var limit = await c.WorkLimitAsync();
                var store = c.Store();
                var country = (await store.GetNodesAsync([c.GetArgument<string>("country")], c.CancellationToken)).SingleOrDefault();
                if (country is not { Label: NodeLabels.Place })
                {
                    return null;
                }

                var regions = await RegionsOfAsync(store, country.Id, c.CancellationToken);
                var basis = c.GetArgument<Basis?>("basis");
                var holders = limit is not null
                    ? ItemHolding.FromRows(
                        [.. regions.Select(r => r.Id)],
                        (await store.GetLimitedAgencyItemsAsync(limit, basis, cancellationToken: c.CancellationToken)).Where(r => r.Dimension == OverlapDimension.Region),
                        agencies)
                    : await store.GetItemHoldersAsync(OverlapDimension.Region, [.. regions.Select(r => r.Id)], basis, agencies, c.CancellationToken);
                return new RegionCoverage(country, [.. regions.Zip(holders, (region, held) => new RegionWork(region, held))]);
            });

    /// <summary>The regions of a country (places of level REGION PART_OF it), by name: at most <see cref="MaxRegions"/>.</summary>
    public static async Task<IReadOnlyList<GraphNode>> RegionsOfAsync(IGraphStore store, string countryId, CancellationToken cancellationToken) =>
        (await store.ListNodesAsync(
            new NodeListQuery(
                NodeLabels.Place,
                new AllOf(
                [
                    new FieldCondition(NodeField.Property(NodeProperties.Level), FilterOperator.Equals, [Vocabulary.RegionLevel]),
                    new FieldCondition(NodeField.Related(RelationshipTypes.PartOf, Direction.Outgoing), FilterOperator.Equals, [countryId]),
                ]),
                [new NodeOrder(NodeField.Name)],
                First: MaxRegions)
            { CountTotal = false },
            cancellationToken)).Nodes;
}

public sealed class RegionCoverageType : ObjectGraphType<RegionCoverage>
{
    public RegionCoverageType()
    {
        Name = "RegionCoverage";
        Description = "A country's regions and the agencies working in each.";
        Field<NonNullGraphType<PlaceType>>("country").Description("The country.").Resolve(c => c.Source.Country);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<RegionWorkType>>>>("regions")
            .Description("Every region of the country (PART_OF it), by name.")
            .WithComplexityImpact(_ => Complexity.ListOf(RegionCoverageQuery.MaxRegions))
            .Resolve(c => c.Source.Regions);
        Field<NonNullGraphType<IntGraphType>>("gapCount")
            .Description("How many of its regions no agency's work is located in.")
            .Resolve(c => c.Source.Regions.Count(r => r.Holders.Status == CoverageStatus.Gap));
    }
}

public sealed class RegionWorkType : ObjectGraphType<RegionWork>
{
    public RegionWorkType()
    {
        Name = "RegionWork";
        Description = "A region and the agencies whose work is located in it, or in a district, subdistrict or site within it.";
        Field<NonNullGraphType<PlaceType>>("region").Description("The region.").Resolve(c => c.Source.Region);
        Field<NonNullGraphType<CoverageStatusEnum>>("status").Description("Whether nobody, one agency or several work in it.").Resolve(c => c.Source.Holders.Status);
        Field<NonNullGraphType<IntGraphType>>("agencyCount").Description("How many agencies work in it, however many are listed.").Resolve(c => c.Source.Holders.AgencyCount);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<RegionAgencyType>>>>("agencies")
            .Description("The agencies working in it, most links first (ties by id), as many as regionCoverage's agencies argument.")
            .WithComplexityImpact(c => Complexity.ListOf(Complexity.AncestorArgument(c, "agencies", RegionCoverageQuery.DefaultAgencies)))
            .Resolve(c => c.Source.Holders.Agencies);
    }
}

public sealed class RegionAgencyType : ObjectGraphType<ItemHolder>
{
    public RegionAgencyType()
    {
        Name = "RegionAgency";
        Description = "An agency working in a region.";
        Field<NonNullGraphType<OrganizationType>>("agency").Description("The agency.").Resolve(c => c.Loaders().Node(c.Source.AgencyId));
        Field<NonNullGraphType<IntGraphType>>("links")
            .Description("How many ways its work reaches the region: each piece of its work located in the region or in a place within it, once per place.")
            .Resolve(c => (int)c.Source.Links);
    }
}
