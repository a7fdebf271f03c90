// An agency's work as agency_links.cypher reads it from the agency, by id: what it delivers, the outcomes those serve
// and the outcomes of the results frameworks it manages (the agency itself, for its own themes, the including
// statement adds). Included in a CALL (agency) { ... } by the rebuild in ranges (agency_work_bounds.cypher,
// agency_work_page.cypher), which ends with the same rows as a rebuild in one step: the aggregate tests rebuild the
// seed in ranges of one piece of work and compare with agency_links.cypher.
MATCH (agency)-[:DELIVERS]->(work:Entity)
RETURN work.id AS id
UNION
MATCH (agency)-[:DELIVERS]->(:Entity)-[:SERVES]->(work:Entity)
RETURN work.id AS id
UNION
MATCH (agency)<-[:MANAGED_BY]-(:Entity)<-[:IN_FRAMEWORK]-(work:Outcome)
RETURN work.id AS id
