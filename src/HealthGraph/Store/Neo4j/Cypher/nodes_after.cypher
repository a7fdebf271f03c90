// The next $first nodes after the id $after (all from the start when it is null), by id: the entity_id constraint's
// index gives them in order and stops after $first.
MATCH (n:Entity)
WHERE $after IS NULL OR n.id > $after
RETURN n
ORDER BY n.id
LIMIT $first
