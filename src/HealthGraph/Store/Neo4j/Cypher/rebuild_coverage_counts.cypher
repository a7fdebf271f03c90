// Replaces the goal-coverage counts of $sdgs (goal and target ids) with those of their links: a step of a rebuild,
// after the links, under the aggregate lock. A key (node, agency, item) counts once per basis it has a link of.
CALL () {
  UNWIND $sdgs AS sdg
  CALL (sdg) {
    MATCH (a:CoverageAgency {sdg: sdg})
    DELETE a
  }
  CALL (sdg) {
    MATCH (i:CoverageItem {sdg: sdg})
    DELETE i
  }
  CALL (sdg) {
    MATCH (c:CoverageCount {sdg: sdg})
    DELETE c
  }
}
UNWIND $sdgs AS sdg
CALL (sdg) {
  MATCH (l:CoverageLink {sdg: sdg})
  WITH l.agency AS agency, l.item AS item, head(collect(l.label)) AS label,
       max(CASE l.basis WHEN 'STATED' THEN 1 ELSE 0 END) AS stated, max(CASE l.basis WHEN 'INFERRED' THEN 1 ELSE 0 END) AS inferred,
       max(CASE l.basis WHEN 'DERIVED' THEN 1 ELSE 0 END) AS derived
  RETURN collect({agency: agency, item: item, label: label, stated: stated, inferred: inferred, derived: derived}) AS keys
}
CALL (sdg, keys) {
  UNWIND keys AS k
  WITH k.agency AS agency, sum(k.stated) AS stated, sum(k.inferred) AS inferred, sum(k.derived) AS derived, count(*) AS total
  CREATE (:CoverageAgency {sdg: sdg, agency: agency, stated: stated, inferred: inferred, derived: derived, total: total})
}
CALL (sdg, keys) {
  UNWIND keys AS k
  WITH k.label AS label, k.item AS item, sum(k.stated) AS stated, sum(k.inferred) AS inferred, sum(k.derived) AS derived, count(*) AS total
  CREATE (:CoverageItem {sdg: sdg, label: label, item: item, stated: stated, inferred: inferred, derived: derived, total: total})
  WITH label, CASE WHEN stated > 0 THEN 1 ELSE 0 END AS s, CASE WHEN inferred > 0 THEN 1 ELSE 0 END AS i,
       CASE WHEN derived > 0 THEN 1 ELSE 0 END AS d
  WITH label, sum(s) AS stated, sum(i) AS inferred, sum(d) AS derived, count(*) AS total
  CREATE (:CoverageCount {sdg: sdg, label: label, stated: stated, inferred: inferred, derived: derived, total: total})
}
RETURN count(*) AS nodes
