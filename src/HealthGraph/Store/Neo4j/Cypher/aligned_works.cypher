// The ids a rebuild of the goal-coverage aggregate goes through, in order, a page at a time: every node with an
// alignment, and every aligned id the aggregate has links of (one whose alignments are gone loses them); the first
// $first after $after (from the start when null). Each branch walks its index in id order from $after and stops at
// the bound (ordered by the whole index key, so Neo4j provides the order): a page reads about $first nodes, not every
// alignment of the graph (which made a rebuild's pages grow with the graph: 1 s each at 100,000).
CALL () {
  MATCH (n:Entity)
  USING INDEX SEEK n:Entity(id)
  WHERE n.id > coalesce($after, '')
  WITH n
  ORDER BY n.id
  WHERE EXISTS { (n)-[:ALIGNS_WITH]->(:Entity) }
  RETURN n.id AS work
  LIMIT $first
  UNION
  MATCH (l:CoverageLink)
  USING INDEX SEEK l:CoverageLink(aligned)
  WHERE l.aligned > coalesce($after, '')
  WITH l.aligned AS work
  ORDER BY work
  RETURN DISTINCT work
  LIMIT $first
}
RETURN work
ORDER BY work
LIMIT $first
