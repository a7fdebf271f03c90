// Deletes the relationships the removals name, except those the same change upserts ($keep: [from, type, to]
// triples). $removals: [{node, type, outgoing, other}], other null for every relationship of the type.
UNWIND $removals AS removal
MATCH (n:Entity {id: removal.node})-[r]-(o:Entity)
WHERE type(r) = removal.type
  AND (CASE WHEN removal.outgoing THEN startNode(r) = n ELSE endNode(r) = n END)
  AND (removal.other IS NULL OR o.id = removal.other)
  AND NOT [startNode(r).id, type(r), endNode(r).id] IN $keep
WITH DISTINCT r
DELETE r
RETURN count(*) AS removed
