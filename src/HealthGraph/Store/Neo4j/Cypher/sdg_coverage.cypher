// The work behind SDG goals and targets read from the goal-coverage aggregate by index: the same answer as
// sdg_work.cypher without $withTargets. Counts and agencies come from the counted nodes (CoverageAgency, CoverageCount:
// one per agency and per label); the lists read only their first $first keys (CoverageItem by item; the links by key),
// in the order of their indexes: ordered by the whole index key, so that Neo4j provides the order and no sort reads
// every key, and each look-up hinted (on a small graph the planner otherwise scans an index whole). The cost does not
// grow with the work. The reader sorts the listed ones. A listed contribution is its key's strongest link (stated,
// then derived, then inferred; direct before via an outcome, then the first reason, none first).
// $sdgs: goal and target ids; $basis: 'STATED', 'INFERRED', 'DERIVED' or null (a key counts if it has a link of that
// basis, or any); $first: at most this many contributions, deliverables and outcomes per node.
UNWIND $sdgs AS sdg
// The lists first, each a branch of its own: a row carries what came before it, and a cut (ORDER BY ... LIMIT) holds
// the rows it keeps (with two lists before it, 1,000 contributions held 110 MB). LIMIT $first + 1, as LIMIT 0 would
// end the whole statement without a row.
CALL (sdg) {
  MATCH (i:CoverageItem)
  USING INDEX SEEK i:CoverageItem(sdg, label, item)
  WHERE i.sdg = sdg AND i.label = 'Deliverable' AND i.item IS NOT NULL
  WITH i
  ORDER BY i.sdg, i.label, i.item
  WHERE CASE $basis WHEN 'STATED' THEN i.stated WHEN 'INFERRED' THEN i.inferred WHEN 'DERIVED' THEN i.derived ELSE i.total END > 0
  WITH i.item AS item
  LIMIT $first + 1
  RETURN 'Deliverable' AS kind, collect(item)[..$first] AS list
  UNION ALL
  MATCH (i:CoverageItem)
  USING INDEX SEEK i:CoverageItem(sdg, label, item)
  WHERE i.sdg = sdg AND i.label = 'Outcome' AND i.item IS NOT NULL
  WITH i
  ORDER BY i.sdg, i.label, i.item
  WHERE CASE $basis WHEN 'STATED' THEN i.stated WHEN 'INFERRED' THEN i.inferred WHEN 'DERIVED' THEN i.derived ELSE i.total END > 0
  WITH i.item AS item
  LIMIT $first + 1
  RETURN 'Outcome' AS kind, collect(item)[..$first] AS list
  UNION ALL
  MATCH (l:CoverageLink)
  USING INDEX SEEK l:CoverageLink(sdg, agency, item)
  WHERE l.sdg = sdg AND l.agency IS NOT NULL AND l.item IS NOT NULL
  WITH l
  ORDER BY l.sdg, l.agency, l.item
  WHERE $basis IS NULL OR l.basis = $basis
  WITH DISTINCT l.agency AS agency, l.item AS item
  LIMIT $first + 1
  CALL (sdg, agency, item) {
    MATCH (k:CoverageLink {sdg: sdg, agency: agency, item: item})
    USING INDEX SEEK k:CoverageLink(sdg, agency, item)
    WHERE $basis IS NULL OR k.basis = $basis
    WITH k
    ORDER BY CASE k.basis WHEN 'STATED' THEN 0 WHEN 'DERIVED' THEN 1 ELSE 2 END, k.via, k.reason IS NOT NULL, k.reason
    RETURN collect(k)[0] AS k
  }
  MATCH (n:Entity {id: item})
  RETURN 'Contribution' AS kind, collect({
    id: item, label: k.label, name: n.name, agency: agency, basis: k.basis, reason: k.reason, viaOutcome: k.via = 1
  })[..$first] AS list
}
WITH sdg, collect({kind: kind, list: list}) AS lists
WITH sdg,
     head([l IN lists WHERE l.kind = 'Deliverable' | l.list]) AS deliverables,
     head([l IN lists WHERE l.kind = 'Outcome' | l.list]) AS outcomes,
     head([l IN lists WHERE l.kind = 'Contribution' | l.list]) AS contributions
CALL (sdg) {
  MATCH (a:CoverageAgency {sdg: sdg})
  USING INDEX SEEK a:CoverageAgency(sdg)
  WITH a, CASE $basis WHEN 'STATED' THEN a.stated WHEN 'INFERRED' THEN a.inferred WHEN 'DERIVED' THEN a.derived ELSE a.total END AS n
  WHERE n > 0
  WITH a.agency AS agency, n
  ORDER BY agency
  RETURN collect(agency) AS agencies, sum(n) AS contributionCount
}
WITH sdg, agencies, contributionCount, deliverables, outcomes, contributions
WHERE contributionCount > 0
CALL (sdg) {
  OPTIONAL MATCH (c:CoverageCount {sdg: sdg})
  USING INDEX SEEK c:CoverageCount(sdg)
  WITH c, CASE $basis WHEN 'STATED' THEN c.stated WHEN 'INFERRED' THEN c.inferred WHEN 'DERIVED' THEN c.derived ELSE c.total END AS n
  RETURN sum(CASE c.label WHEN 'Deliverable' THEN n ELSE 0 END) AS deliverableCount,
         sum(CASE c.label WHEN 'Outcome' THEN n ELSE 0 END) AS outcomeCount
}
RETURN sdg, agencies, contributionCount, contributions, deliverableCount, deliverables, outcomeCount, outcomes
