// The nodes with the given ids; missing ids are left out.
MATCH (n:Entity)
WHERE n.id IN $ids
RETURN n
ORDER BY n.id
