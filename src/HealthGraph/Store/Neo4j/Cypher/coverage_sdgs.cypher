// The nodes a rebuild of the goal-coverage counts goes through: every node with links, and every node with counts
// (one whose links are gone loses them), in order.
CALL () {
  MATCH (l:CoverageLink)
  RETURN DISTINCT l.sdg AS sdg
  UNION
  MATCH (a:CoverageAgency)
  RETURN DISTINCT a.sdg AS sdg
}
RETURN sdg
ORDER BY sdg
