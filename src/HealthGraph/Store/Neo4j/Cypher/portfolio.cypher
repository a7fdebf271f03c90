// An agency's deliverables, each with its status and year, the SDG target codes and goal codes it is aligned with
// (AlignmentPaths: itself, a goal through its target, or through the work it serves) and its theme ids; not the nodes
// themselves, which a portfolio lists only a page of. $agency: the organization's id; $basis: 'STATED', 'INFERRED',
// 'DERIVED' or null (the basis of the alignment); $direct, $viaTarget, $viaOutcome: whether each path counts. The
// alignments are aggregated per deliverable in one pass (a subquery per deliverable took twice as long for the 24,307
// deliverables of the largest agency at 100,000).
MATCH (:Entity {id: $agency})-[:DELIVERS]->(d:Entity)
OPTIONAL MATCH (d)-[:SERVES*0..1]->(w)-[a:ALIGNS_WITH]->(s:Entity)
WHERE ($basis IS NULL OR a.basis = $basis)
  AND (w <> d OR $direct OR $viaTarget)
  AND (w = d OR $viaOutcome)
WITH d,
     collect(DISTINCT CASE WHEN s:SdgTarget AND (w <> d OR $direct) THEN s.code END) AS targets,
     collect(DISTINCT CASE
       WHEN s:SdgTarget AND (w <> d OR $viaTarget) THEN s.goalCode
       WHEN s:SdgGoal AND (w <> d OR $direct) THEN s.code
     END) AS goals
RETURN d.id AS id, d.status AS status, d.year AS year, targets, goals,
       COLLECT { MATCH (d)-[:HAS_THEME]->(t:Entity) RETURN DISTINCT t.id } AS themes
ORDER BY id
