// A node and the relationships that start or end at it (no row when there is no such node): how many in all, and the
// first $first by type, the other end's id and direction (leaving before entering). A relationship from the node to
// itself is counted and listed once, as leaving. The count reads the node's degrees.
MATCH (n:Entity {id: $id})
CALL (n) {
  CALL (n) {
    MATCH (n)-[r]->(m:Entity)
    RETURN r, n.id AS from, m.id AS to, m.id AS other, 0 AS direction
    UNION ALL
    MATCH (n)<-[r]-(m:Entity)
    WHERE m <> n
    RETURN r, m.id AS from, n.id AS to, m.id AS other, 1 AS direction
  }
  WITH r, from, to, other, direction
  ORDER BY type(r), other, direction
  LIMIT $first
  RETURN collect({from: from, type: type(r), to: to, props: properties(r)}) AS relationships
}
RETURN n, COUNT { (n)-->() } + COUNT { (n)<--() } - COUNT { (n)-->(n) } AS relationshipCount, relationships
