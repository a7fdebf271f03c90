// The agencies with at least one cell in the alignment matrix of $dimension ('GOAL' or 'TARGET') and $basis, by id.
// $agencies: null (every agency).
CALL () {
  // include: agency_links
}
WITH agency, dimension
WHERE dimension = $dimension
RETURN DISTINCT agency
ORDER BY agency
