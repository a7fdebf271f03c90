// The agencies that share at least one item (of the given basis) with one of $agencies, and those of $agencies that
// have any item, by id: from the partner-overlap aggregate, by index (each of their items, then its other holders).
// $basis: 'STATED', 'INFERRED' or null for both.
UNWIND $agencies AS agency
MATCH (a:AgencyItem {agency: agency})
USING INDEX a:AgencyItem(agency)
WHERE $basis IS NULL OR ($basis = 'STATED' AND a.stated > 0) OR ($basis = 'INFERRED' AND a.inferred > 0)
MATCH (b:AgencyItem {dimension: a.dimension, item: a.item})
USING INDEX b:AgencyItem(dimension, item)
WHERE $basis IS NULL OR ($basis = 'STATED' AND b.stated > 0) OR ($basis = 'INFERRED' AND b.inferred > 0)
RETURN DISTINCT b.agency AS agency
ORDER BY agency
