// For each pair of agencies (a < b by id) that share anything, per dimension present among the chosen links:
// each agency's number of items in it (for Jaccard) and the items both have, by id.
// $agencies: organization ids, or null for all; $basis: 'STATED', 'INFERRED' or null for both.
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
WITH agency, dimension, item, basis
WHERE ($basis IS NULL OR basis = $basis) AND ($agencies IS NULL OR agency.id IN $agencies)
WITH DISTINCT agency.id AS agency, dimension, item
WITH collect({agency: agency, dimension: dimension, item: item}) AS chosen
CALL (chosen) {
  UNWIND chosen AS c
  WITH c.dimension AS dimension, c.item AS item, collect(c.agency) AS holders
  UNWIND holders AS a
  UNWIND holders AS b
  WITH a, b, dimension, item
  WHERE a < b
  ORDER BY item.id
  WITH a, b, dimension, collect(item) AS shared
  RETURN a, b, collect({dimension: dimension, shared: shared}) AS sharedByDimension
}
UNWIND [d IN ['COUNTERPART', 'GOAL', 'OUTCOME', 'TARGET', 'THEME'] WHERE any(c IN chosen WHERE c.dimension = d)] AS dimension
WITH a, b, dimension,
     size([c IN chosen WHERE c.agency = a AND c.dimension = dimension]) AS countA,
     size([c IN chosen WHERE c.agency = b AND c.dimension = dimension]) AS countB,
     coalesce(head([s IN sharedByDimension WHERE s.dimension = dimension]).shared, []) AS shared
WHERE countA > 0 OR countB > 0 OR size(shared) > 0
RETURN a, b, dimension, countA, countB,
       [n IN shared | {id: n.id, label: [l IN labels(n) WHERE l <> 'Entity'][0], name: n.name}] AS shared
ORDER BY a, b, dimension
