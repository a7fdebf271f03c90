// How many goal-coverage links each of $works (aligned items' ids) has (coverage_links.cypher's rows), to size the
// steps of a rebuild: a transaction holds every node it writes, a few kilobytes each.
CALL () {
  // include: coverage_links
}
RETURN aligned, count(*) AS links
