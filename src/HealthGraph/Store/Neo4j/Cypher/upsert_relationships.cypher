// Creates or updates a batch of relationships of one type by (from, type, to). $rows: [{from, to, props}], where
// props is every stored property but the write stamps (provenance and the relationship's own properties); nulls are
// left out. An unchanged relationship is not written. A row whose end node does not exist gives the outcome
// 'missing' and writes nothing. Returns one row per outcome.
UNWIND $rows AS row
OPTIONAL MATCH (a:Entity {id: row.from})
OPTIONAL MATCH (b:Entity {id: row.to})
OPTIONAL MATCH (a)-[existing]->(b)
  WHERE type(existing) = $type
WITH row, a, b, existing,
     CASE
       WHEN a IS NULL OR b IS NULL THEN 'missing'
       WHEN existing IS NULL THEN 'created'
       WHEN all(k IN keys(row.props) WHERE existing[k] = row.props[k])
            AND all(k IN keys(existing) WHERE k IN ['createdAt', 'updatedAt', 'updatedBy'] OR k IN keys(row.props))
         THEN 'unchanged'
       ELSE 'updated'
     END AS outcome
CALL (row, a, b, existing, outcome) {
  WITH row, a, b, existing, outcome
  WHERE outcome IN ['created', 'updated']
  MERGE (a)-[r:$($type)]->(b)
  SET r = row.props, r.createdAt = coalesce(existing.createdAt, $now), r.updatedAt = $now, r.updatedBy = $writer
}
RETURN outcome, count(*) AS count, collect(CASE WHEN outcome = 'missing' THEN row.from + ' -> ' + row.to END)[..10] AS missing
