// Adds a change's deltas to the partner-overlap aggregate: $deltas: [{agency, dimension, item, stated, inferred}], one
// per key, each the counts of agency_item_counts.cypher after the change less those before. A row whose counts reach 0
// is deleted, so a row exists exactly when agency_links.cypher has the key. Returns each key's counts before and after
// (the pair counts follow the rows that turn on or off for a basis). Run under the aggregate lock
// (lock_aggregates.cypher), as every writer of AgencyItem nodes is.
UNWIND $deltas AS d
MERGE (i:AgencyItem {agency: d.agency, dimension: d.dimension, item: d.item})
  ON CREATE SET i.stated = 0, i.inferred = 0
WITH d, i, i.stated AS statedBefore, i.inferred AS inferredBefore
SET i.stated = i.stated + d.stated, i.inferred = i.inferred + d.inferred
WITH d, i, statedBefore, inferredBefore, i.stated AS statedAfter, i.inferred AS inferredAfter
CALL (i, statedAfter, inferredAfter) {
  WITH i
  WHERE statedAfter = 0 AND inferredAfter = 0
  DELETE i
}
RETURN d.agency AS agency, d.dimension AS dimension, d.item AS item, statedBefore, inferredBefore, statedAfter, inferredAfter
