// What each agency's work reaches, by dimension (as Sql/agency_links.sql): the items an agency has in each of TARGET,
// GOAL, THEME, OUTCOME, COUNTERPART and REGION (a region its work is located in, or PART_OF up to three steps above a
// place it is located in), through which piece of work (via), with the basis and reason of the link that
// reaches it. Its work: the deliverables it delivers, the outcomes those serve, and the outcomes its results frameworks
// define; what the work aligns with (a goal also through its targets), is tagged with, is (an outcome) and supports;
// and the themes the agency itself is tagged with (via the agency). A link has the basis of its last relationship (the
// alignment, tag or support; for an outcome, the relationship that makes it the agency's work).
// Either from the agencies or from the work: $agencies: organization ids, or null for all; $works: node ids, or null.
// With $works, the links through those pieces of work (an organization among them: its own themes), for every agency;
// the partner-overlap aggregate (AgencyItem nodes) is kept current from these (agency_item_counts.cypher). The work
// paths are written both ways below, and the links once. $basis: 'STATED', 'INFERRED', 'DERIVED' or null for any.
// $limited: the ids of the work in a limit (WorkLimit: deliverables and outcomes by their own period and place), or
// null: the links as they would be if the graph held only that work (as agency_links.sql's @limited), read from that
// work: through a limited deliverable, an outcome a limited deliverable serves, and a limited outcome of a framework an
// agency manages; an agency's own themes belong to no piece of work and are left out; with $agencies, only theirs. Give
// $works or $limited, not both.
// Included by the statements that compare agencies (// include: agency_links).
CALL () {
  WITH $works AS works
  WHERE works IS NULL AND $limited IS NULL
  MATCH (agency:Organization)
  WHERE $agencies IS NULL OR agency.id IN $agencies
  CALL (agency) {
    MATCH (agency)-[w:DELIVERS]->(work:Entity)
    RETURN work, w.basis AS workBasis, w.reason AS workReason, false AS self
    UNION ALL
    MATCH (agency)-[:DELIVERS]->(:Entity)-[w:SERVES]->(work:Entity)
    RETURN work, w.basis AS workBasis, w.reason AS workReason, false AS self
    UNION ALL
    MATCH (agency)<-[:MANAGED_BY]-(:Entity)<-[w:IN_FRAMEWORK]-(work:Outcome)
    RETURN work, w.basis AS workBasis, w.reason AS workReason, false AS self
    UNION ALL
    RETURN agency AS work, null AS workBasis, null AS workReason, true AS self
  }
  RETURN agency, work, workBasis, workReason, self
  UNION ALL
  UNWIND coalesce($works, []) AS workId
  MATCH (work:Entity {id: workId})
  USING INDEX work:Entity(id)
  CALL (work) {
    MATCH (agency:Organization)-[w:DELIVERS]->(work)
    RETURN agency, w.basis AS workBasis, w.reason AS workReason, false AS self
    UNION ALL
    MATCH (agency:Organization)-[:DELIVERS]->(:Entity)-[w:SERVES]->(work)
    RETURN agency, w.basis AS workBasis, w.reason AS workReason, false AS self
    UNION ALL
    MATCH (agency:Organization)<-[:MANAGED_BY]-(:Entity)<-[w:IN_FRAMEWORK]-(work)
    WHERE work:Outcome
    RETURN agency, w.basis AS workBasis, w.reason AS workReason, false AS self
    UNION ALL
    WITH work
    WHERE work:Organization
    RETURN work AS agency, null AS workBasis, null AS workReason, true AS self
  }
  RETURN agency, work, workBasis, workReason, self
  UNION ALL
  UNWIND coalesce($limited, []) AS limitedId
  MATCH (limited:Entity {id: limitedId})
  USING INDEX limited:Entity(id)
  CALL (limited) {
    MATCH (agency:Organization)-[w:DELIVERS]->(limited)
    RETURN agency, limited AS work, w.basis AS workBasis, w.reason AS workReason
    UNION ALL
    MATCH (agency:Organization)-[:DELIVERS]->(limited)-[w:SERVES]->(work:Entity)
    RETURN agency, work, w.basis AS workBasis, w.reason AS workReason
    UNION ALL
    MATCH (agency:Organization)<-[:MANAGED_BY]-(:Entity)<-[w:IN_FRAMEWORK]-(limited)
    WHERE limited:Outcome
    RETURN agency, limited AS work, w.basis AS workBasis, w.reason AS workReason
  }
  WITH agency, work, workBasis, workReason
  WHERE $agencies IS NULL OR agency.id IN $agencies
  RETURN agency, work, workBasis, workReason, false AS self
}
CALL (work, workBasis, workReason, self) {
  MATCH (work)-[l:ALIGNS_WITH]->(s:Entity)
  WHERE NOT self
  RETURN CASE WHEN s:SdgTarget THEN 'TARGET' ELSE 'GOAL' END AS dimension, s AS item, l.basis AS basis, l.reason AS reason
  UNION ALL
  MATCH (work)-[l:ALIGNS_WITH]->(:Entity)<-[:HAS_TARGET]-(g:Entity)
  WHERE NOT self
  RETURN 'GOAL' AS dimension, g AS item, l.basis AS basis, l.reason AS reason
  UNION ALL
  MATCH (work)-[h:HAS_THEME]->(t:Entity)
  RETURN 'THEME' AS dimension, t AS item, h.basis AS basis, h.reason AS reason
  UNION ALL
  WITH work, workBasis, workReason, self
  WHERE work:Outcome AND NOT self
  RETURN 'OUTCOME' AS dimension, work AS item, workBasis AS basis, workReason AS reason
  UNION ALL
  MATCH (work)-[s:SUPPORTS]->(c:Entity)
  WHERE NOT self
  RETURN 'COUNTERPART' AS dimension, c AS item, s.basis AS basis, s.reason AS reason
  UNION ALL
  MATCH (work)-[l:LOCATED_IN]->(:Entity)-[:PART_OF*0..3]->(r:Place)
  WHERE NOT self AND r.level = 'REGION'
  RETURN 'REGION' AS dimension, r AS item, l.basis AS basis, l.reason AS reason
}
WITH agency, dimension, item, work AS via, basis, reason
WHERE $basis IS NULL OR basis = $basis
RETURN agency.id AS agency, dimension, item, via, basis, reason
