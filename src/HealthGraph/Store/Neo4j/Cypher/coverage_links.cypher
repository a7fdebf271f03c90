// The goal-coverage aggregate's links through some aligned pieces of work (as the SQLite store's coverage_link, and
// the same work and agencies as sdg_work.cypher): for an item aligned with an SDG node, one link per agency whose work
// it is (via 0: whoever delivers it, delivers a deliverable serving it, or manages the results framework that defines
// it, for an outcome), and one per delivered deliverable serving it, for whoever delivers that (via 1, the deliverable
// is the item). Each link carries the alignment's basis and reason and its item's label, so that a change to any of
// them is a change of the link. $works: the ids of the aligned items; every link a change can alter has its aligned
// item among the works the change can alter (affected_works.cypher), so these are read before and after a change.
UNWIND $works AS workId
MATCH (aligned:Entity {id: workId})-[a:ALIGNS_WITH]->(sdg:Entity)
USING INDEX aligned:Entity(id)
CALL (aligned) {
  MATCH (agency:Entity)-[:DELIVERS]->(aligned)
  RETURN agency, aligned AS item, 0 AS via
  UNION
  MATCH (agency:Entity)-[:DELIVERS]->(:Entity)-[:SERVES]->(aligned)
  RETURN agency, aligned AS item, 0 AS via
  UNION
  MATCH (agency:Entity)<-[:MANAGED_BY]-(:Entity)<-[:IN_FRAMEWORK]-(aligned)
  WHERE aligned:Outcome
  RETURN agency, aligned AS item, 0 AS via
  UNION
  MATCH (agency:Entity)-[:DELIVERS]->(d:Entity)-[:SERVES]->(aligned)
  RETURN agency, d AS item, 1 AS via
}
RETURN sdg.id AS sdg, agency.id AS agency, item.id AS item, via, aligned.id AS aligned,
       a.basis AS basis, a.reason AS reason, [l IN labels(item) WHERE l <> 'Entity'][0] AS label
