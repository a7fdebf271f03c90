// The agencies with at least one cell in the alignment matrix of $dimension ('GOAL' or 'TARGET') and $basis ('STATED',
// 'INFERRED', 'DERIVED' or null), by id: those with an item of that dimension and basis in the partner-overlap
// aggregate.
MATCH (i:AgencyItem)
WHERE i.dimension = $dimension
  AND ($basis IS NULL OR ($basis = 'STATED' AND i.stated > 0) OR ($basis = 'INFERRED' AND i.inferred > 0)
       OR ($basis = 'DERIVED' AND i.derived > 0))
RETURN DISTINCT i.agency AS agency
ORDER BY agency
