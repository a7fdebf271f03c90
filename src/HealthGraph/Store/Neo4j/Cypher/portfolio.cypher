// An agency's deliverables, each with its status and year, the SDG target codes and goal codes it reaches (itself or
// through the outcomes it serves) and its theme ids; not the nodes themselves, which a portfolio lists only a page of.
// The alignments are aggregated per deliverable in one pass (a subquery per deliverable took twice as long for the
// 24,307 deliverables of the largest agency at 100,000).
MATCH (:Entity {id: $agency})-[:DELIVERS]->(d:Entity)
OPTIONAL MATCH (d)-[:SERVES*0..1]->()-[:ALIGNS_WITH]->(s:Entity)
WITH d,
     collect(DISTINCT CASE WHEN s:SdgTarget THEN s.code END) AS targets,
     collect(DISTINCT CASE WHEN s:SdgTarget THEN s.goalCode WHEN s:SdgGoal THEN s.code END) AS goals
RETURN d.id AS id, d.status AS status, d.year AS year, targets, goals,
       COLLECT { MATCH (d)-[:HAS_THEME]->(t:Entity) RETURN DISTINCT t.id } AS themes
ORDER BY id
