-- Fills the goal-coverage aggregate (0007_derived_basis.sql) from the whole graph in one pass: after the migration that
-- creates it, and after a load into an empty store (which defers its triggers), after the partner-overlap aggregate
-- (agency_work says whose work an item is). The same rows and counts as the triggers keep.
DELETE FROM coverage_count;
DELETE FROM coverage_item;
DELETE FROM coverage_agency;
DELETE FROM coverage_link;

INSERT INTO coverage_link (sdg, agency, item, via, aligned, basis)
SELECT a.dst, w.agency, w.item, 0, w.item, a.basis
  FROM agency_work w JOIN edge a ON a.src = w.item AND a.type = 'ALIGNS_WITH'
UNION ALL
SELECT a.dst, d.src, s.src, 1, a.src, a.basis
  FROM edge a
  JOIN edge s INDEXED BY edge_by_dst ON s.dst = a.src AND s.type = 'SERVES'
  JOIN edge d INDEXED BY edge_by_dst ON d.dst = s.src AND d.type = 'DELIVERS'
 WHERE a.type = 'ALIGNS_WITH'
ORDER BY 1, 2, 3, 4, 5;

-- One row per (node, agency, item) key: whether it has a link of each basis.
CREATE TEMP TABLE coverage_key AS
SELECT sdg, agency, item, max(basis = 'STATED') AS stated, max(basis = 'INFERRED') AS inferred, max(basis = 'DERIVED') AS derived
  FROM coverage_link
 GROUP BY sdg, agency, item;

INSERT INTO coverage_agency (sdg, agency, stated, inferred, derived, total)
SELECT sdg, agency, sum(stated), sum(inferred), sum(derived), count(*) FROM temp.coverage_key GROUP BY sdg, agency;

INSERT INTO coverage_item (sdg, label, item, stated, inferred, derived, total)
SELECT k.sdg, n.label, k.item, sum(k.stated), sum(k.inferred), sum(k.derived), count(*)
  FROM temp.coverage_key k JOIN node n ON n.id = k.item
 GROUP BY k.sdg, n.label, k.item
 ORDER BY 1, 2, 3;

INSERT INTO coverage_count (sdg, label, stated, inferred, derived, total)
SELECT sdg, label, sum(stated > 0), sum(inferred > 0), sum(derived > 0), count(*) FROM coverage_item GROUP BY sdg, label;

DROP TABLE temp.coverage_key;
