// Schema version 8: REGION, a sixth overlap dimension (agency_links.cypher: a region a piece of work is located in, or
// PART_OF up to three steps above a place it is located in). AgencyItem, AgencyPair and AgencySize hold REGION rows as
// they hold the other dimensions; migrating to this version rebuilds every aggregate, which writes them
// (Neo4jGraphStore.AggregatesVersion). The regions of a country are read by their level (region_coverage.cypher).
CREATE INDEX place_level IF NOT EXISTS FOR (p:Place) ON (p.level);
