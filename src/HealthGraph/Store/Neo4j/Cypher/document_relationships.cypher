// A page of the relationships a document states or evidences, by type, then start, then end: the first $take after
// ($type, $from, $to) (from the start when $type is null), and how many there are in all.
CALL () {
  MATCH (a:Entity)-[r]->(b:Entity)
  WHERE r.source = $doc
    AND ($type IS NULL OR type(r) > $type OR (type(r) = $type AND (a.id > $from OR (a.id = $from AND b.id > $to))))
  WITH a, r, b
  ORDER BY type(r), a.id, b.id
  LIMIT $take
  RETURN collect({from: a.id, type: type(r), to: b.id, props: properties(r)}) AS relationships
}
RETURN relationships, COUNT { MATCH (:Entity)-[r]->(:Entity) WHERE r.source = $doc } AS total
