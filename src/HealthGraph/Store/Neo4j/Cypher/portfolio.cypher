// An agency's deliverables, each with the SDG target codes and goal codes it reaches (itself or through the
// outcomes it serves) and its theme ids.
MATCH (:Entity {id: $agency})-[:DELIVERS]->(d:Entity)
CALL (d) {
  OPTIONAL MATCH (d)-[:SERVES*0..1]->()-[:ALIGNS_WITH]->(s:Entity)
  RETURN collect(DISTINCT CASE WHEN s:SdgTarget THEN s.code END) AS targets,
         collect(DISTINCT CASE WHEN s:SdgTarget THEN s.goalCode WHEN s:SdgGoal THEN s.code END) AS goals
}
CALL (d) {
  OPTIONAL MATCH (d)-[:HAS_THEME]->(t:Entity)
  RETURN collect(DISTINCT t.id) AS themes
}
RETURN d, targets, goals, themes
ORDER BY d.id
