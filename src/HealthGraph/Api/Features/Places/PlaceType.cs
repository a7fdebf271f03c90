using HealthGraph.Api.Features.Common;
using HealthGraph.Api.Features.Deliverables;
using HealthGraph.Graph;
using HealthGraph.Store;

namespace HealthGraph.Api.Features.Places;

/// <summary>A place where work happens.</summary>
public sealed class PlaceType : EntityType
{
    public PlaceType()
        : base(NodeLabels.Place, "Place", "A place where work happens: a country, a region, a district or city (with OCHA's p-codes), or a site.")
    {
        Code<PlaceLevelEnum>("placeLevel", "What level of place it is: COUNTRY, REGION, DISTRICT, SUBDISTRICT or SITE.", NodeProperties.Level, required: true);
        Text("code", "Its code: the p-code of a region or district (OCHA's common operational datasets, e.g. '3505000' Sughd), or a country's ISO 3166-1 alpha-3 code (TJK).", NodeProperties.Code);
        Text("isoCode", "A region's ISO 3166-2 code (TJ-SU), where a source gives it.", NodeProperties.IsoCode);
        Text("isoCodeExcerpt", "The words of the source that give the ISO 3166-2 code.", NodeProperties.IsoCodeExcerpt);
        Text("validFrom", "The date the gazetteer's code is valid from (YYYY-MM-DD).", NodeProperties.ValidFrom);
        Texts("aliases", "Other names a source gives it (a city renamed, a name also written otherwise): a workbook's place is matched by these too.", NodeProperties.Aliases);
        Text("aliasesExcerpt", "The words of the source that give its other names.", NodeProperties.AliasesExcerpt);
        Related<PlaceType>("partOf", "The place it is part of: a district's region, a region's country (one at most).", RelationshipTypes.PartOf, Direction.Outgoing, NodeLabels.Place);
        Related<PlaceType>("places", "The places part of it: a country's regions, a region's districts and cities.", RelationshipTypes.PartOf, Direction.Incoming, NodeLabels.Place);
        Related<DeliverableType>("deliverables", "The work located in this place itself (the deliverables list's where.place also finds the work in the places part of it).", RelationshipTypes.LocatedIn, Direction.Incoming, NodeLabels.Deliverable);
    }
}

/// <summary>The levels of a place.</summary>
public sealed class PlaceLevelEnum() : VocabularyEnum(
    "PlaceLevel", "What level of place a place is.", Vocabulary.PlaceLevels, code => code switch
    {
        "COUNTRY" => "A country.",
        "REGION" => "A first-level administrative unit: in Tajikistan a region (viloyat) or Dushanbe, with an ISO 3166-2 code.",
        "DISTRICT" => "A second-level administrative unit: a district (nohiya) or a city.",
        "SUBDISTRICT" => "A third-level administrative unit, as another country's 4W file gives it (an Ethiopian woreda).",
        _ => "A site: a facility, a platform or a programme's place.",
    });
