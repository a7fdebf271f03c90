// Writes the period of each of $rows ({id, periodStart, periodEnd}) into its node: the migration to schema version 9
// (Migrations/0009_work_period.cypher) for nodes stored before it. A null removes the property.
UNWIND $rows AS row
MATCH (n:Entity {id: row.id})
SET n.periodStart = row.periodStart, n.periodEnd = row.periodEnd
