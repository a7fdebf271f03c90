// Deletes the nodes $ids, which have no relationship left (DELETE, not DETACH DELETE: a relationship the change did not
// name makes Neo4j refuse the statement rather than remove it).
UNWIND $ids AS id
MATCH (n:Entity {id: id})
DELETE n
RETURN count(*) AS deleted
