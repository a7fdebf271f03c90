// The partner-overlap aggregate's rows (AgencyItem nodes) of some agencies, in (dimension, item, agency) order: what
// `healthgraph aggregates check` counts the pairs from (OverlapCounting), to compare with the pair counts kept.
// $agencies: organization ids, or null for all; $basis: 'STATED', 'INFERRED', 'DERIVED' or null for any (a row has a
// basis when its count of that basis is above 0).
CALL () {
  UNWIND coalesce($agencies, []) AS agency
  MATCH (i:AgencyItem {agency: agency})
  USING INDEX i:AgencyItem(agency)
  RETURN i
  UNION ALL
  WITH $agencies AS agencies
  WHERE agencies IS NULL
  MATCH (i:AgencyItem)
  RETURN i
}
WITH i
WHERE $basis IS NULL OR ($basis = 'STATED' AND i.stated > 0) OR ($basis = 'INFERRED' AND i.inferred > 0)
   OR ($basis = 'DERIVED' AND i.derived > 0)
RETURN i.agency AS agency, i.dimension AS dimension, i.item AS item
ORDER BY dimension, item, agency
