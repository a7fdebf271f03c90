// Schema version 3: the partner-overlap aggregate, kept current in the same transaction as every change, as the
// SQLite store's agency_item table is by triggers: (:AgencyItem {agency, dimension, item, stated, inferred}), one node
// per key of agency_links.cypher, with how many of the agency's links reach the item with each basis. The overlap
// questions read these by index instead of expanding every agency's work per request. After this migration the store
// fills them (rebuild_agency_items.cypher); the lock node serializes their writers (lock_aggregates.cypher).
CREATE CONSTRAINT agency_item_key IF NOT EXISTS FOR (i:AgencyItem) REQUIRE (i.agency, i.dimension, i.item) IS UNIQUE;
CREATE INDEX agency_item_agency IF NOT EXISTS FOR (i:AgencyItem) ON (i.agency);
CREATE INDEX agency_item_by_item IF NOT EXISTS FOR (i:AgencyItem) ON (i.dimension, i.item);
CREATE CONSTRAINT aggregate_lock_name IF NOT EXISTS FOR (l:AggregateLock) REQUIRE l.name IS UNIQUE;
MERGE (:AggregateLock {name: 'aggregates'});
// The goal-coverage aggregate, kept the same way: (:CoverageLink {sdg, agency, item, via, aligned, basis, reason, label}),
// one node per link of coverage_links.cypher (as the SQLite store's coverage_link); goal coverage reads a node's links
// by index instead of expanding the work aligned with it per request. Filled after this migration too.
CREATE CONSTRAINT coverage_link_key IF NOT EXISTS FOR (l:CoverageLink) REQUIRE (l.sdg, l.agency, l.item, l.via, l.aligned) IS UNIQUE;
CREATE INDEX coverage_link_sdg IF NOT EXISTS FOR (l:CoverageLink) ON (l.sdg);
CREATE INDEX coverage_link_aligned IF NOT EXISTS FOR (l:CoverageLink) ON (l.aligned);
// The goal-coverage counts, kept from the links' keys (as the SQLite store's coverage_agency, coverage_item and
// coverage_count): per node and agency, per node and item, and per node and item label, how many have a link of each
// basis and of either. Goal coverage reads its counts and only its first listed keys from these.
CREATE INDEX coverage_link_by_key IF NOT EXISTS FOR (l:CoverageLink) ON (l.sdg, l.agency, l.item);
CREATE CONSTRAINT coverage_agency_key IF NOT EXISTS FOR (a:CoverageAgency) REQUIRE (a.sdg, a.agency) IS UNIQUE;
CREATE CONSTRAINT coverage_item_key IF NOT EXISTS FOR (i:CoverageItem) REQUIRE (i.sdg, i.label, i.item) IS UNIQUE;
CREATE CONSTRAINT coverage_count_key IF NOT EXISTS FOR (c:CoverageCount) REQUIRE (c.sdg, c.label) IS UNIQUE;
CREATE INDEX coverage_agency_sdg IF NOT EXISTS FOR (a:CoverageAgency) ON (a.sdg);
CREATE INDEX coverage_count_sdg IF NOT EXISTS FOR (c:CoverageCount) ON (c.sdg);
