using GraphQL.Types;
using HealthGraph.Api.Engine.Filtering;
using HealthGraph.Api.Engine.Relay;
using HealthGraph.Graph;
using HealthGraph.Store;

namespace HealthGraph.Api.Features.Places;

/// <summary>What the places list can be filtered and ordered by.</summary>
public sealed class PlaceList : IListDefinition
{
    public static NodeListDefinition Definition { get; } = new(
        "Place",
        NodeLabels.Place,
        [
            new("id", "The place's id.", NodeField.Id, FilterKind.Id),
            new("name", "Its name.", NodeField.Name, FilterKind.Text),
            new("placeLevel", "Its level.", NodeField.Property(NodeProperties.Level), FilterKind.Enum, typeof(EnumFilterType<PlaceLevelEnum>)),
            new("code", "Its p-code or country code.", NodeField.Property(NodeProperties.Code), FilterKind.Text),
            new("isoCode", "Its ISO 3166-2 code.", NodeField.Property(NodeProperties.IsoCode), FilterKind.Text),
            new("partOf", "The id of the place it is part of (a region's districts: partOf: { eq: \"place-3507000\" }).", NodeField.Related(RelationshipTypes.PartOf, Direction.Outgoing), FilterKind.Id),
        ],
        [
            new("ID", "The id.", NodeField.Id),
            new("NAME", "The name.", NodeField.Name),
            new("CODE", "The code.", NodeField.Property(NodeProperties.Code)),
        ]);
}

public static class PlaceQueries
{
    public static void AddPlaceQueries(this ObjectGraphType query)
    {
        query.AddList<PlaceList, PlaceType>("places", "The places work happens in: countries, Tajikistan's regions and districts (with p-codes and ISO 3166-2 codes), sites.");
        query.AddLookup<PlaceType>("place", NodeLabels.Place, "A place by id, such as 'place-3505000' (Sughd) (null when there is none).");
    }
}
