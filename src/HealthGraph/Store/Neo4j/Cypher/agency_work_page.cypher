// The ids of an agency's work (agency_work.cypher) after $after and up to $through (null: to the end): one range of a
// rebuild in ranges, read in the transaction that counts it, so work added since the bounds were read is counted too.
// $agency: the organization id.
MATCH (agency:Organization {id: $agency})
CALL (agency) {
  // include: agency_work
  UNION
  RETURN agency.id AS id
}
WITH id
WHERE id > $after AND ($through IS NULL OR id <= $through)
RETURN id
ORDER BY id
