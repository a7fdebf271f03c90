// Replaces the goal-coverage aggregate's links through $works (aligned items' ids) with coverage_links.cypher's: a
// step of a rebuild, under the aggregate lock.
CALL () {
  UNWIND $works AS workId
  MATCH (l:CoverageLink {aligned: workId})
  DELETE l
}
CALL () {
  // include: coverage_links
}
CREATE (:CoverageLink {sdg: sdg, agency: agency, item: item, via: via, aligned: aligned, basis: basis, reason: reason, label: label})
RETURN count(*) AS links
