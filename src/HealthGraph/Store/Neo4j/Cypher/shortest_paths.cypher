// All shortest paths between two nodes, over relationships in either direction, at most 10 relationships long (a
// variable-length bound must be a literal; the caller asks for at most that, and drops paths longer than it asked
// for: every path allShortestPaths returns has the same, shortest, length).
MATCH (a:Entity {id: $from}), (b:Entity {id: $to})
MATCH p = allShortestPaths((a)-[*..10]-(b))
RETURN p
LIMIT $limit
