// A goal, its targets, and everything aligned with the goal or its targets: the aligned work, the deliverables that
// serve an aligned outcome (viaOutcome), and the agency behind each piece of work (as in agency_links.sql: whoever
// delivers it, delivers a deliverable serving it, or manages the framework that defines it).
// $goal: the goal's node id; $basis: 'STATED', 'INFERRED' or null.
MATCH (goal:SdgGoal {id: $goal})
CALL (goal) {
  OPTIONAL MATCH (goal)-[:HAS_TARGET]->(t:Entity)
  RETURN collect(t) AS targets
}
CALL (goal, targets) {
  UNWIND [goal] + targets AS sdg
  MATCH (aligned:Entity)-[a:ALIGNS_WITH]->(sdg)
  WHERE $basis IS NULL OR a.basis = $basis
  CALL (aligned) {
    RETURN aligned AS work, false AS viaOutcome
    UNION
    MATCH (d:Entity)-[:SERVES]->(aligned)
    RETURN d AS work, true AS viaOutcome
  }
  CALL (work) {
    MATCH (agency:Entity)-[:DELIVERS]->(work)
    RETURN agency
    UNION
    MATCH (agency:Entity)-[:DELIVERS]->(:Entity)-[:SERVES]->(work)
    RETURN agency
    UNION
    MATCH (agency:Entity)<-[:MANAGED_BY]-(:Entity)<-[:IN_FRAMEWORK]-(work:Outcome)
    RETURN agency
  }
  WITH DISTINCT sdg.id AS sdg, work, agency.id AS agency, a.basis AS basis, a.reason AS reason, viaOutcome
  ORDER BY sdg, agency, work.id, CASE basis WHEN 'STATED' THEN 0 ELSE 1 END, CASE WHEN viaOutcome THEN 1 ELSE 0 END, coalesce(reason, '')
  RETURN collect({
    sdg: sdg, id: work.id, label: [l IN labels(work) WHERE l <> 'Entity'][0], name: work.name, agency: agency,
    basis: basis, reason: reason, viaOutcome: viaOutcome
  }) AS contributions
}
RETURN goal, targets, contributions
