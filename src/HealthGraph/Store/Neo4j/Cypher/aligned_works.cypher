// The ids a rebuild of the goal-coverage aggregate goes through, in order, a page at a time: every node with an
// alignment, and every aligned id the aggregate has links of (one whose alignments are gone loses them); the first
// $first after $after (from the start when null).
CALL () {
  MATCH (n:Entity)-[:ALIGNS_WITH]->(:Entity)
  WHERE $after IS NULL OR n.id > $after
  RETURN n.id AS work
  UNION
  MATCH (l:CoverageLink)
  WHERE $after IS NULL OR l.aligned > $after
  RETURN l.aligned AS work
}
RETURN work
ORDER BY work
LIMIT $first
