// The agencies a rebuild of the partner-overlap aggregate goes through, by id: every organization, and every agency
// the aggregate has rows of (one that is no longer an organization loses them).
CALL () {
  MATCH (o:Organization)
  RETURN o.id AS agency
  UNION
  MATCH (i:AgencyItem)
  RETURN DISTINCT i.agency AS agency
}
RETURN agency
ORDER BY agency
