// Whose a change's subject is (SubjectHolding, EditLimit): its label, and the organisations in a role on it ($roles,
// RelationshipTypes.OrganisationRoles) when it is a deliverable, itself when it is an organisation, and the
// organisations that manage its results framework when it is an outcome. No row: no such node. Read from the subject
// (locked by lock_nodes) by the id index; each branch expands only from a subject of its own label, so an organisation
// that thousands of pieces of work support reads none of them.
MATCH (n:Entity {id: $id})
CALL (n) {
  MATCH (o:Organization)-[r]->(n)
  WHERE n:Deliverable AND type(r) IN $roles
  RETURN collect(DISTINCT o.id) AS roles
}
CALL (n) {
  MATCH (n)-[:IN_FRAMEWORK]->(:ResultsFramework)-[:MANAGED_BY]->(m:Organization)
  WHERE n:Outcome
  RETURN collect(DISTINCT m.id) AS managers
}
RETURN [l IN labels(n) WHERE l <> 'Entity'][0] AS label,
       roles + managers + CASE WHEN n:Organization THEN [n.id] ELSE [] END AS holders
