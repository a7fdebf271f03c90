// Adds a change's deltas to the partner-overlap aggregate: $deltas: [{agency, dimension, item, stated, inferred}], one
// per key, each the counts of agency_item_counts.cypher after the change less those before. A row whose counts reach 0
// is deleted, so a row exists exactly when agency_links.cypher has the key. Run under the aggregate lock
// (lock_aggregates.cypher), as every writer of AgencyItem nodes is.
UNWIND $deltas AS d
MERGE (i:AgencyItem {agency: d.agency, dimension: d.dimension, item: d.item})
  ON CREATE SET i.stated = 0, i.inferred = 0
SET i.stated = i.stated + d.stated, i.inferred = i.inferred + d.inferred
WITH i
WHERE i.stated = 0 AND i.inferred = 0
DELETE i
RETURN count(*) AS deleted
