// A page of the nodes a document is the source of (but the document itself), by id: the first $take after $after
// (from the start when it is null), and how many there are in all.
CALL () {
  MATCH (n:Entity)
  USING INDEX n:Entity(source)
  WHERE n.source = $doc AND n.id <> $doc AND ($after IS NULL OR n.id > $after)
  WITH n
  ORDER BY n.id
  LIMIT $take
  RETURN collect(n) AS nodes
}
RETURN nodes, COUNT { MATCH (n:Entity) USING INDEX n:Entity(source) WHERE n.source = $doc AND n.id <> $doc } AS total
