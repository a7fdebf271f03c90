// Agency x SDG goal (or target) cells with the work behind each: one entry per piece of work, the strongest link
// (stated before inferred, then the first reason). $dimension: 'GOAL' or 'TARGET'; $basis: 'STATED', 'INFERRED' or null.
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
WHERE dimension = $dimension AND ($basis IS NULL OR basis = $basis)
WITH agency, item, via, basis, reason
ORDER BY agency.id, item.id, via.id, CASE basis WHEN 'STATED' THEN 0 ELSE 1 END, coalesce(reason, '')
WITH agency, item, via, collect({basis: basis, reason: reason})[0] AS strongest
ORDER BY agency.id, item.id, via.id
WITH agency, item, collect({
  id: via.id, label: [l IN labels(via) WHERE l <> 'Entity'][0], name: via.name,
  basis: strongest.basis, reason: strongest.reason, viaOutcome: false
}) AS items
RETURN agency.id AS agency, item.id AS sdg, item.code AS code, items
