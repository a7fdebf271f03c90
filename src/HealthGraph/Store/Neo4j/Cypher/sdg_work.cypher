// The work behind SDG goals and targets, from the SDG nodes out (as sdg_work.sql does for SQLite), with the same work
// and agencies as agency_links.sql: an item aligned with the node counts for every agency it is work of (whoever
// delivers it, delivers a deliverable serving it, or manages the results framework that defines it, for an outcome);
// a delivered deliverable serving an aligned item counts for whoever delivers it (viaOutcome). One entry per SDG node,
// agency and item: the strongest link (stated, then derived, then inferred; direct before via an outcome, then the
// first reason). Per node: exact counts and agencies, the first $first contributions (by agency, then item) and the
// first $first deliverable and outcome ids (by id); all of them when $first is null.
// $sdgs: goal and target ids; $withTargets: true when a goal also counts the work aligned with its targets;
// $basis: 'STATED', 'INFERRED', 'DERIVED' or null; $first: a bound, or null; $limited: the work in a limit, as
// agency_links.cypher's (ids, or null for all work): an item counts for its deliverer or framework when it is in the
// limit, and for the deliverer of a deliverable in the limit that serves it.
UNWIND $sdgs AS sdgId
MATCH (sdg:Entity {id: sdgId})
WHERE sdg:SdgGoal OR sdg:SdgTarget
CALL (sdg) {
  RETURN sdg AS alignedTo
  UNION
  MATCH (sdg)-[:HAS_TARGET]->(t:Entity)
  WHERE $withTargets
  RETURN t AS alignedTo
}
MATCH (item:Entity)-[a:ALIGNS_WITH]->(alignedTo)
WHERE $basis IS NULL OR a.basis = $basis
CALL (item) {
  MATCH (agency:Entity)-[:DELIVERS]->(item)
  WHERE $limited IS NULL OR item.id IN $limited
  RETURN agency, item AS work, false AS viaOutcome
  UNION
  MATCH (agency:Entity)-[:DELIVERS]->(d:Entity)-[:SERVES]->(item)
  WHERE $limited IS NULL OR d.id IN $limited
  RETURN agency, item AS work, false AS viaOutcome
  UNION
  MATCH (agency:Entity)<-[:MANAGED_BY]-(:Entity)<-[:IN_FRAMEWORK]-(item)
  WHERE item:Outcome AND ($limited IS NULL OR item.id IN $limited)
  RETURN agency, item AS work, false AS viaOutcome
  UNION
  MATCH (agency:Entity)-[:DELIVERS]->(d:Entity)-[:SERVES]->(item)
  WHERE $limited IS NULL OR d.id IN $limited
  RETURN agency, d AS work, true AS viaOutcome
}
WITH sdg.id AS sdg, agency.id AS agency, work, viaOutcome, a.basis AS basis, a.reason AS reason
ORDER BY sdg, agency, work.id, CASE basis WHEN 'STATED' THEN 0 WHEN 'DERIVED' THEN 1 ELSE 2 END, CASE WHEN viaOutcome THEN 1 ELSE 0 END, coalesce(reason, '')
WITH sdg, agency, work, collect({basis: basis, reason: reason, viaOutcome: viaOutcome})[0] AS strongest
ORDER BY sdg, agency, work.id
WITH sdg, collect({
  id: work.id, label: [l IN labels(work) WHERE l <> 'Entity'][0], name: work.name, agency: agency,
  basis: strongest.basis, reason: strongest.reason, viaOutcome: strongest.viaOutcome
}) AS contributions
CALL (contributions) {
  UNWIND contributions AS c
  WITH DISTINCT c.id AS id, c.label AS label
  ORDER BY id
  RETURN collect(CASE label WHEN 'Deliverable' THEN id END) AS deliverables,
         collect(CASE label WHEN 'Outcome' THEN id END) AS outcomes
}
CALL (contributions) {
  UNWIND contributions AS c
  WITH DISTINCT c.agency AS agency
  RETURN collect(agency) AS agencies
}
RETURN sdg, agencies,
       size(contributions) AS contributionCount,
       CASE WHEN $first IS NULL THEN contributions ELSE contributions[..$first] END AS contributions,
       size(deliverables) AS deliverableCount,
       CASE WHEN $first IS NULL THEN deliverables ELSE deliverables[..$first] END AS deliverables,
       size(outcomes) AS outcomeCount,
       CASE WHEN $first IS NULL THEN outcomes ELSE outcomes[..$first] END AS outcomes
