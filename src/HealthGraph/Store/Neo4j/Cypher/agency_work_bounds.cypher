// Where the ranges of an agency's work ids end, for a rebuild that counts its partner-overlap rows a range at a time
// (begin_agency_rebuild.cypher): every $per-th id of its work (agency_work.cypher) in id order; the last range runs to
// the end. $agency: the organization id.
MATCH (agency:Organization {id: $agency})
CALL (agency) {
  // include: agency_work
  UNION
  RETURN agency.id AS id
}
WITH id
ORDER BY id
WITH collect(id) AS ids
RETURN [i IN range($per - 1, size(ids) - 2, $per) | ids[i]] AS bounds
