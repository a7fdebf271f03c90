// The relationships of one type that enter any of the given nodes.
MATCH (a:Entity)-[r]->(b:Entity)
WHERE b.id IN $ids AND type(r) = $type
RETURN a.id AS from, type(r) AS type, b.id AS to, properties(r) AS props
ORDER BY from, to
