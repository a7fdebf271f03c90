// The work behind SDG goals and targets: for a target, the work aligned with it; for a goal, the work aligned with
// the goal itself or with any of its targets (the links' GOAL dimension); and the deliverables that serve an aligned
// outcome (viaOutcome), each with the agency that delivers it. One entry per SDG node, agency and piece of work: the
// strongest link (stated before inferred, direct before via an outcome, then the first reason).
// $sdgs: goal and target ids; $basis: 'STATED', 'INFERRED' or null.
// links (as in agency_links.sql): what an agency's work reaches, by dimension (TARGET, GOAL, THEME, OUTCOME,
// COUNTERPART), through which piece of work (via), with the basis and reason of the link that reaches it. Its work:
// the deliverables it delivers, the outcomes those serve, and the outcomes its results frameworks define.
CALL () {
  CALL () {
    MATCH (agency:Entity)-[w:DELIVERS]->(work:Entity)
    RETURN agency, work, w.basis AS workBasis, w.reason AS workReason
    UNION ALL
    MATCH (agency:Entity)-[:DELIVERS]->(:Entity)-[w:SERVES]->(work:Entity)
    RETURN agency, work, w.basis AS workBasis, w.reason AS workReason
    UNION ALL
    MATCH (agency:Entity)<-[:MANAGED_BY]-(:Entity)<-[w:IN_FRAMEWORK]-(work:Outcome)
    RETURN agency, work, w.basis AS workBasis, w.reason AS workReason
  }
  CALL (work, workBasis, workReason) {
    MATCH (work)-[l:ALIGNS_WITH]->(s:Entity)
    RETURN CASE WHEN s:SdgTarget THEN 'TARGET' ELSE 'GOAL' END AS dimension, s AS item, l.basis AS basis, l.reason AS reason
    UNION ALL
    MATCH (work)-[l:ALIGNS_WITH]->(:Entity)<-[:HAS_TARGET]-(g:Entity)
    RETURN 'GOAL' AS dimension, g AS item, l.basis AS basis, l.reason AS reason
    UNION ALL
    MATCH (work)-[h:HAS_THEME]->(t:Entity)
    RETURN 'THEME' AS dimension, t AS item, h.basis AS basis, h.reason AS reason
    UNION ALL
    WITH work, workBasis, workReason
    WHERE work:Outcome
    RETURN 'OUTCOME' AS dimension, work AS item, workBasis AS basis, workReason AS reason
    UNION ALL
    MATCH (work)-[s:SUPPORTS]->(c:Entity)
    RETURN 'COUNTERPART' AS dimension, c AS item, s.basis AS basis, s.reason AS reason
  }
  RETURN agency, dimension, item, work AS via, basis, reason
  UNION ALL
  MATCH (agency:Organization)-[h:HAS_THEME]->(t:Entity)
  RETURN agency, 'THEME' AS dimension, t AS item, agency AS via, h.basis AS basis, h.reason AS reason
}
WITH agency, dimension, item, via, basis, reason
WHERE item.id IN $sdgs
  AND dimension = CASE WHEN item:SdgTarget THEN 'TARGET' WHEN item:SdgGoal THEN 'GOAL' END
  AND ($basis IS NULL OR basis = $basis)
CALL (agency, via) {
  RETURN agency AS who, via AS work, false AS viaOutcome
  UNION
  MATCH (org:Entity)-[:DELIVERS]->(d:Entity)-[:SERVES]->(via)
  RETURN org AS who, d AS work, true AS viaOutcome
}
WITH item.id AS sdg, who.id AS agency, work, viaOutcome, basis, reason
ORDER BY sdg, agency, work.id, CASE basis WHEN 'STATED' THEN 0 ELSE 1 END, CASE WHEN viaOutcome THEN 1 ELSE 0 END, coalesce(reason, '')
WITH sdg, agency, work, collect({basis: basis, reason: reason, viaOutcome: viaOutcome})[0] AS strongest
RETURN sdg, agency, work.id AS id, [l IN labels(work) WHERE l <> 'Entity'][0] AS label, work.name AS name,
       strongest.basis AS basis, strongest.reason AS reason, strongest.viaOutcome AS viaOutcome
ORDER BY sdg, agency, id
