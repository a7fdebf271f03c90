// Takes the write lock of every node among $ids that exists, in the order of $ids (the caller sorts them, so two
// changes take the locks they share in the same order), held until the transaction ends. Neo4j reads take no locks
// (read committed), so a change takes these before it reads what it checks: another change to the same nodes then
// waits for this one to commit, and reads what it wrote. Setting and removing a property is how Cypher takes a lock.
UNWIND $ids AS id
MATCH (n:Entity {id: id})
SET n._lock = true
REMOVE n._lock
RETURN count(n) AS locked
