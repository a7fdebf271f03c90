// The goal-coverage keys of the SDG node $sdg: its agencies (with $agency null), or the items $agency's work reaches
// it through, the first $first after $after (from the start when null); both in the order of the links' key index
// (sdg, agency, item), which provides the order, so a page reads about as many links as it returns. What the rebuild
// of a heavy node's counts walks, a page per transaction.
CALL () {
  WITH $agency AS agency
  WHERE agency IS NULL
  MATCH (l:CoverageLink)
  USING INDEX SEEK l:CoverageLink(sdg, agency, item)
  WHERE l.sdg = $sdg AND l.agency IS NOT NULL AND l.item IS NOT NULL
  WITH l
  ORDER BY l.sdg, l.agency, l.item
  RETURN DISTINCT l.agency AS key
  UNION ALL
  MATCH (l:CoverageLink)
  USING INDEX SEEK l:CoverageLink(sdg, agency, item)
  WHERE l.sdg = $sdg AND l.agency = $agency AND l.item > coalesce($after, '')
  WITH l
  ORDER BY l.sdg, l.agency, l.item
  WITH DISTINCT l.item AS key
  LIMIT $first
  RETURN key
}
RETURN key
