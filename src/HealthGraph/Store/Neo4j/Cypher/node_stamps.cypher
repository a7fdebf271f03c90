// The write stamps of the nodes among $ids that exist (a change's expectations are checked against them, under its locks).
UNWIND $ids AS id
MATCH (n:Entity {id: id})
RETURN n.id AS id, n.createdAt AS createdAt, n.updatedAt AS updatedAt, n.updatedBy AS updatedBy
