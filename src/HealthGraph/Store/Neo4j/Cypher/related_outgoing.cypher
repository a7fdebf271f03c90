// A page of each given node's relationships of one type that leave it, by the other end's id: the first $take after
// $after (from the start when it is null), only those whose other end has the label $label when it is given, and how
// many there are in all (with that label). One row per given node that exists.
UNWIND $ids AS id
MATCH (n:Entity {id: id})
CALL (n) {
  MATCH (n)-[r:$($type)]->(m:Entity)
  WHERE ($label IS NULL OR $label IN labels(m)) AND ($after IS NULL OR m.id > $after)
  WITH n, r, m
  ORDER BY m.id
  LIMIT $take
  RETURN collect({from: n.id, type: type(r), to: m.id, props: properties(r)}) AS page
}
RETURN n.id AS id, page, COUNT { MATCH (n)-[r:$($type)]->(m:Entity) WHERE $label IS NULL OR $label IN labels(m) } AS total
