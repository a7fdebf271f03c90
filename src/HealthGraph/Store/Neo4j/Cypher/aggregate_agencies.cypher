// The agencies a rebuild of the partner-overlap aggregate goes through, by id, each with how many pieces of work it
// delivers or manages (a rebuild step's size): every organization, and every agency the aggregate has rows of (one
// that is no longer an organization loses them, and weighs nothing).
CALL () {
  MATCH (o:Organization)
  RETURN o.id AS agency, COUNT { (o)-[:DELIVERS]->() } + COUNT { (o)<-[:MANAGED_BY]-() } AS work
  UNION
  MATCH (i:AgencyItem)
  WHERE NOT EXISTS { MATCH (:Organization {id: i.agency}) }
  RETURN DISTINCT i.agency AS agency, 0 AS work
}
RETURN agency, max(work) AS work
ORDER BY agency
