// Replaces the partner-overlap aggregate's rows of $agencies (organization ids) with agency_item_counts.cypher's: a
// step of a rebuild, under the aggregate lock. An id that is no longer an organization keeps no rows.
CALL () {
  MATCH (i:AgencyItem)
  WHERE i.agency IN $agencies
  DELETE i
}
CALL () {
  // include: agency_item_counts
}
CREATE (:AgencyItem {agency: agency, dimension: dimension, item: item, stated: stated, inferred: inferred, derived: derived})
RETURN count(*) AS rows
