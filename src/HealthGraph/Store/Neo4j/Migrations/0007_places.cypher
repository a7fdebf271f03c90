// Schema version 7: places (Place nodes, found by the Entity id constraint as every node is) and where work happens,
// (Deliverable)-[:LOCATED_IN]->(Place): the source index of the new relationship type, which a document's facts read
// (document_relationships, one index per type of RelationshipTypes.All).
CREATE INDEX located_in_source IF NOT EXISTS FOR ()-[r:LOCATED_IN]-() ON (r.source);
