// Writes a change's effect on the goal-coverage aggregate: $removed: the keys [{sdg, agency, item, via, aligned}] of
// links it ended; $links: the links it made or changed, each a key with its basis, reason and label. Run under the
// aggregate lock (lock_aggregates.cypher), as every writer of CoverageLink nodes is.
CALL () {
  UNWIND $removed AS k
  MATCH (l:CoverageLink {sdg: k.sdg, agency: k.agency, item: k.item, via: k.via, aligned: k.aligned})
  DELETE l
}
UNWIND $links AS k
MERGE (l:CoverageLink {sdg: k.sdg, agency: k.agency, item: k.item, via: k.via, aligned: k.aligned})
SET l.basis = k.basis, l.reason = k.reason, l.label = k.label
RETURN count(*) AS written
