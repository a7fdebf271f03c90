// Adds a change's deltas to the goal-coverage counts (as the SQLite store's coverage_agency, coverage_item and
// coverage_count): $agencies: [{sdg, agency, stated, inferred, derived, total}], per node and agency, how many more
// keys have a link of each basis (and of any); $items: [{sdg, label, item, stated, inferred, derived, total}], per node
// and item, how many more agencies; one delta per key of each. An item's first agency of a basis (or its last) counts
// it for its node and label (CoverageCount). Rows whose total reaches 0 are deleted. Run under the aggregate lock.
CALL () {
  UNWIND $agencies AS d
  MERGE (a:CoverageAgency {sdg: d.sdg, agency: d.agency})
    ON CREATE SET a.stated = 0, a.inferred = 0, a.derived = 0, a.total = 0
  SET a.stated = a.stated + d.stated, a.inferred = a.inferred + d.inferred, a.derived = a.derived + d.derived, a.total = a.total + d.total
  WITH a
  WHERE a.total = 0
  DELETE a
}
CALL () {
  UNWIND $items AS d
  MERGE (i:CoverageItem {sdg: d.sdg, label: d.label, item: d.item})
    ON CREATE SET i.stated = 0, i.inferred = 0, i.derived = 0, i.total = 0
  WITH d, i, i.stated AS s0, i.inferred AS i0, i.derived AS d0, i.total AS t0
  SET i.stated = s0 + d.stated, i.inferred = i0 + d.inferred, i.derived = d0 + d.derived, i.total = t0 + d.total
  WITH d, i,
       CASE WHEN s0 + d.stated > 0 THEN 1 ELSE 0 END - CASE WHEN s0 > 0 THEN 1 ELSE 0 END AS ds,
       CASE WHEN i0 + d.inferred > 0 THEN 1 ELSE 0 END - CASE WHEN i0 > 0 THEN 1 ELSE 0 END AS di,
       CASE WHEN d0 + d.derived > 0 THEN 1 ELSE 0 END - CASE WHEN d0 > 0 THEN 1 ELSE 0 END AS dd,
       CASE WHEN t0 + d.total > 0 THEN 1 ELSE 0 END - CASE WHEN t0 > 0 THEN 1 ELSE 0 END AS dt
  CALL (i) {
    WITH i
    WHERE i.total = 0
    DELETE i
  }
  WITH d.sdg AS sdg, d.label AS label, sum(ds) AS ds, sum(di) AS di, sum(dd) AS dd, sum(dt) AS dt
  WHERE ds <> 0 OR di <> 0 OR dd <> 0 OR dt <> 0
  MERGE (c:CoverageCount {sdg: sdg, label: label})
    ON CREATE SET c.stated = 0, c.inferred = 0, c.derived = 0, c.total = 0
  SET c.stated = c.stated + ds, c.inferred = c.inferred + di, c.derived = c.derived + dd, c.total = c.total + dt
  WITH c
  WHERE c.total = 0
  DELETE c
}
RETURN 1 AS applied
