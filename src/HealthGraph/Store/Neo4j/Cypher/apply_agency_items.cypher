// Adds a change's deltas to the partner-overlap aggregate: $deltas: [{agency, dimension, item, stated, inferred,
// derived}], one per key, each the counts of agency_item_counts.cypher after the change less those before. A row whose
// counts reach 0 is deleted, so a row exists exactly when agency_links.cypher has the key. Returns each key's counts
// before and after (the pair counts follow the rows that turn on or off for a basis). Run under the aggregate lock
// (lock_aggregates.cypher), as every writer of AgencyItem nodes is.
UNWIND $deltas AS d
MERGE (i:AgencyItem {agency: d.agency, dimension: d.dimension, item: d.item})
  ON CREATE SET i.stated = 0, i.inferred = 0, i.derived = 0
WITH d, i, i.stated AS statedBefore, i.inferred AS inferredBefore, i.derived AS derivedBefore
SET i.stated = i.stated + d.stated, i.inferred = i.inferred + d.inferred, i.derived = i.derived + d.derived
WITH d, i, statedBefore, inferredBefore, derivedBefore, i.stated AS statedAfter, i.inferred AS inferredAfter, i.derived AS derivedAfter
CALL (i, statedAfter, inferredAfter, derivedAfter) {
  WITH i
  WHERE statedAfter = 0 AND inferredAfter = 0 AND derivedAfter = 0
  DELETE i
}
RETURN d.agency AS agency, d.dimension AS dimension, d.item AS item,
       statedBefore, inferredBefore, derivedBefore, statedAfter, inferredAfter, derivedAfter
