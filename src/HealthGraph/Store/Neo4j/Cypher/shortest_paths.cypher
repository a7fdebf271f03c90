// All shortest paths between two nodes, over relationships in either direction, at most 10 relationships long: a
// variable-length bound must be a literal, so the store writes the caller's maxHops (1 to 10) in place of this 10.
// The first $limit in path order: hop by hop, the id of the node reached, then the relationship's type, then the id of
// its start node.
MATCH (a:Entity {id: $from}), (b:Entity {id: $to})
MATCH p = allShortestPaths((a)-[*..10]-(b))
WITH p, [i IN range(0, length(p) - 1) | [nodes(p)[i + 1].id, type(relationships(p)[i]), startNode(relationships(p)[i]).id]] AS hops
ORDER BY hops
LIMIT $limit
RETURN p
