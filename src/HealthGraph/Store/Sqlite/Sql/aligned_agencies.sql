-- The agencies with at least one cell in the alignment matrix of @dimension ('GOAL' or 'TARGET') and @basis, by id:
-- those with an item of that dimension and basis in the partner-overlap aggregate, which agency_links.sql defines.
SELECT DISTINCT agency
  FROM agency_item
 WHERE dimension = @dimension
   AND (@basis IS NULL OR (@basis = 'STATED' AND stated > 0) OR (@basis = 'INFERRED' AND inferred > 0)
        OR (@basis = 'DERIVED' AND derived > 0))
 ORDER BY agency
