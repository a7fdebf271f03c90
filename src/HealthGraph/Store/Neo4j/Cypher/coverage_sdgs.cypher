// The nodes a rebuild of the goal-coverage counts goes through, in order, each with how many links it has (a rebuild
// step's size): every node with links, and every node with counts (one whose links are gone loses them).
CALL () {
  MATCH (l:CoverageLink)
  RETURN l.sdg AS sdg, count(*) AS links
  UNION
  MATCH (a:CoverageAgency)
  RETURN DISTINCT a.sdg AS sdg, 0 AS links
}
RETURN sdg, max(links) AS links
ORDER BY sdg
