// The nodes a document is the source of (but the document itself), by label and id, and the relationships it
// states or evidences, by type, from and to.
CALL () {
  MATCH (n:Entity)
  WHERE n.source = $doc AND n.id <> $doc
  WITH n, [l IN labels(n) WHERE l <> 'Entity'][0] AS label
  ORDER BY label, n.id
  RETURN collect(n) AS nodes
}
CALL () {
  MATCH (a:Entity)-[r]->(b:Entity)
  WHERE r.source = $doc
  WITH a, r, b
  ORDER BY type(r), a.id, b.id
  RETURN collect({from: a.id, type: type(r), to: b.id, props: properties(r)}) AS relationships
}
RETURN nodes, relationships
