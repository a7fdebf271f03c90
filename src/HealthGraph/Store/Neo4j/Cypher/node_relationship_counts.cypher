// How many relationships each node among $ids still has (a deletion refuses a node with any), for those that exist.
UNWIND $ids AS id
MATCH (n:Entity {id: id})
RETURN n.id AS id, COUNT { (n)--() } AS relationships
