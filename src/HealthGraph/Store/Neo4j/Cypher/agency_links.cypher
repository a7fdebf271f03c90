// What each agency's work reaches, by dimension (as Sql/agency_links.sql): the items an agency has in each of TARGET,
// GOAL, THEME, OUTCOME and COUNTERPART, through which piece of work (via), with the basis and reason of the link that
// reaches it. Its work: the deliverables it delivers, the outcomes those serve, and the outcomes its results frameworks
// define; what the work aligns with (a goal also through its targets), is tagged with, is (an outcome) and supports;
// and the themes the agency itself is tagged with (via the agency). A link has the basis of its last relationship (the
// alignment, tag or support; for an outcome, the relationship that makes it the agency's work).
// $agencies: organization ids, or null for all; $basis: 'STATED', 'INFERRED' or null for both. The agencies are chosen
// before anything is expanded. Included by the statements that compare agencies (// include: agency_links).
MATCH (agency:Organization)
WHERE $agencies IS NULL OR agency.id IN $agencies
CALL (agency) {
  CALL (agency) {
    MATCH (agency)-[w:DELIVERS]->(work:Entity)
    RETURN work, w.basis AS workBasis, w.reason AS workReason
    UNION ALL
    MATCH (agency)-[:DELIVERS]->(:Entity)-[w:SERVES]->(work:Entity)
    RETURN work, w.basis AS workBasis, w.reason AS workReason
    UNION ALL
    MATCH (agency)<-[:MANAGED_BY]-(:Entity)<-[w:IN_FRAMEWORK]-(work:Outcome)
    RETURN work, w.basis AS workBasis, w.reason AS workReason
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
  RETURN dimension, item, work AS via, basis, reason
  UNION ALL
  MATCH (agency)-[h:HAS_THEME]->(t:Entity)
  RETURN 'THEME' AS dimension, t AS item, agency AS via, h.basis AS basis, h.reason AS reason
}
WITH agency, dimension, item, via, basis, reason
WHERE $basis IS NULL OR basis = $basis
RETURN agency.id AS agency, dimension, item, via, basis, reason
