// Creates or updates a batch of nodes of one label by id. $rows: [{id, props}], where props is every stored
// property but the write stamps (id, name, provenance, the node's own properties, searchText); nulls are left out.
// An unchanged node (same label, same properties) is not written, so its updatedAt stays. Returns one row per outcome.
UNWIND $rows AS row
OPTIONAL MATCH (existing:Entity {id: row.id})
WITH row, existing,
     CASE
       WHEN existing IS NULL THEN 'created'
       WHEN size(labels(existing)) = 2 AND $label IN labels(existing)
            AND all(k IN keys(row.props) WHERE existing[k] = row.props[k])
            AND all(k IN keys(existing) WHERE k IN ['createdAt', 'updatedAt', 'updatedBy'] OR k IN keys(row.props))
         THEN 'unchanged'
       ELSE 'updated'
     END AS outcome
CALL (row, existing, outcome) {
  WITH row, existing, outcome
  WHERE outcome <> 'unchanged'
  MERGE (n:Entity {id: row.id})
  WITH n, row, coalesce(existing.createdAt, $now) AS createdAt, [l IN labels(n) WHERE NOT l IN ['Entity', $label]] AS stale
  FOREACH (l IN stale | REMOVE n:$(l))
  SET n = row.props, n.createdAt = createdAt, n.updatedAt = $now, n.updatedBy = $writer
  SET n:$($label)
}
RETURN outcome, count(*) AS count
