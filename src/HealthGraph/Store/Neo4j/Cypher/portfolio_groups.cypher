// An agency's portfolio grouped on the server (PortfolioGrouping in the store contract: all its deliverables, and by
// goal, theme, status and year): one row per group with its count and the ids of its first $first deliverables after
// $after (from the start when null), by id. The goals are portfolio.cypher's, by the same paths and basis ($basis,
// $direct, $viaTarget, $viaOutcome); a shared-suite test compares the two. The groups leave the server, not the
// deliverables: for the 24,223 deliverables of the largest agency at 100,000, 86 rows instead of 24,223.
MATCH (:Entity {id: $agency})-[:DELIVERS]->(d:Entity)
CALL (d) {
  OPTIONAL MATCH (d)-[:SERVES*0..1]->(w)-[a:ALIGNS_WITH]->(s:Entity)
  WHERE ($basis IS NULL OR a.basis = $basis)
    AND (w <> d OR $direct OR $viaTarget)
    AND (w = d OR $viaOutcome)
  RETURN collect(DISTINCT CASE
    WHEN s:SdgTarget AND (w <> d OR $viaTarget) THEN s.goalCode
    WHEN s:SdgGoal AND (w <> d OR $direct) THEN s.code
  END) AS goals
}
WITH d, goals
ORDER BY d.id
UNWIND [['ALL', null], ['STATUS', d.status], ['YEAR', toString(d.year)]]
       + [goal IN goals | ['GOAL', goal]]
       + COLLECT { MATCH (d)-[:HAS_THEME]->(t:Entity) RETURN DISTINCT ['THEME', t.id] AS theme } AS grouped
WITH grouped[0] AS facet, grouped[1] AS key, d.id AS id
RETURN facet, key, count(*) AS count, collect(CASE WHEN $after IS NULL OR id > $after THEN id END)[..$first] AS ids
