// The pieces of work whose links a change can alter (see agency_links.cypher), read before the change is written: the
// start of an alignment, tag or support and of an outcome's IN_FRAMEWORK; the end of DELIVERS and SERVES, and the
// outcomes a delivered deliverable serves; the outcomes of a results framework whose manager changes; the work aligned
// with a target whose goal changes; the start of a LOCATED_IN, and the work located at or below the start of a PART_OF
// (its regions are those above the end). $relationships: [{from, type, to}], those the change upserts; $removals: as in
// remove_relationships.cypher; $nodes: [{id, label}], the nodes it upserts (one whose label changes alters what all
// its relationships mean, so they count as changed; a place whose level turns to or from REGION changes the ways that end
// at it, so its incoming LOCATED_IN and PART_OF count as changed). The index hints keep each look-up a seek on a small graph too,
// where the planner otherwise scans every id.
CALL () {
  UNWIND $relationships AS r
  RETURN r.from AS from, r.type AS type, r.to AS to
  UNION
  UNWIND $removals AS removal
  MATCH (n:Entity {id: removal.node})-[r]-(o:Entity)
  USING INDEX n:Entity(id)
  WHERE type(r) = removal.type
    AND (CASE WHEN removal.outgoing THEN startNode(r) = n ELSE endNode(r) = n END)
    AND (removal.other IS NULL OR o.id = removal.other)
  RETURN startNode(r).id AS from, type(r) AS type, endNode(r).id AS to
  UNION
  UNWIND $nodes AS node
  MATCH (n:Entity {id: node.id})-[r]-(:Entity)
  USING INDEX n:Entity(id)
  WHERE NOT node.label IN labels(n)
  RETURN startNode(r).id AS from, type(r) AS type, endNode(r).id AS to
  UNION
  UNWIND $nodes AS node
  MATCH (n:Entity {id: node.id})<-[r:LOCATED_IN|PART_OF]-(o:Entity)
  USING INDEX n:Entity(id)
  WHERE n:Place AND coalesce(n.level = 'REGION', false) <> coalesce(node.level = 'REGION', false)
  RETURN o.id AS from, type(r) AS type, n.id AS to
}
CALL (from, type, to) {
  WITH from, type
  WHERE type IN ['ALIGNS_WITH', 'HAS_THEME', 'SUPPORTS', 'IN_FRAMEWORK', 'LOCATED_IN']
  RETURN from AS work
  UNION
  WITH to, type
  WHERE type IN ['DELIVERS', 'SERVES']
  RETURN to AS work
  UNION
  MATCH (d:Entity {id: to})-[:SERVES]->(o:Entity)
  USING INDEX d:Entity(id)
  WHERE type = 'DELIVERS'
  RETURN o.id AS work
  UNION
  MATCH (o:Entity)-[:IN_FRAMEWORK]->(f:Entity {id: from})
  USING INDEX f:Entity(id)
  WHERE type = 'MANAGED_BY'
  RETURN o.id AS work
  UNION
  MATCH (w:Entity)-[:ALIGNS_WITH]->(t:Entity {id: to})
  USING INDEX t:Entity(id)
  WHERE type = 'HAS_TARGET'
  RETURN w.id AS work
  UNION
  MATCH (w:Entity)-[:LOCATED_IN]->(:Entity)-[:PART_OF*0..2]->(p:Entity {id: from})
  USING INDEX p:Entity(id)
  WHERE type = 'PART_OF'
  RETURN w.id AS work
}
RETURN DISTINCT work
ORDER BY work
