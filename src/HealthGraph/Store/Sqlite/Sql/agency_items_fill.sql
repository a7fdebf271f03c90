-- Fills the partner-overlap aggregate (0007_derived_basis.sql, its REGION rows 0009_region_dimension.sql) from the
-- whole graph in one pass: after the migration that creates it, and after a load into an empty store (which drops the
-- triggers that keep it, like the indexes).
-- The same counts as the triggers keep: agency_links.sql's work and links, counted per key and basis.
DELETE FROM agency_item;
DELETE FROM agency_work;

INSERT INTO agency_work (item, agency, stated, inferred)
SELECT item, agency, sum(basis = 'STATED'), sum(basis = 'INFERRED') FROM (
    SELECT src AS agency, dst AS item, basis FROM edge WHERE type = 'DELIVERS'
    UNION ALL
    SELECT d.src, s.dst, s.basis
      FROM edge d JOIN edge s ON s.src = d.dst AND s.type = 'SERVES'
     WHERE d.type = 'DELIVERS'
    UNION ALL
    SELECT m.dst, f.src, f.basis
      FROM edge m
      JOIN edge f ON f.dst = m.src AND f.type = 'IN_FRAMEWORK'
      JOIN node o ON o.id = f.src AND o.label = 'Outcome'
     WHERE m.type = 'MANAGED_BY'
)
GROUP BY item, agency;

INSERT INTO agency_item (agency, dimension, item, stated, inferred, derived)
SELECT agency, dimension, item, sum(iif(basis = 'STATED', n, 0)), sum(iif(basis = 'INFERRED', n, 0)), sum(iif(basis = 'DERIVED', n, 0)) FROM (
    SELECT w.agency, CASE t.label WHEN 'SdgTarget' THEN 'TARGET' ELSE 'GOAL' END AS dimension, a.dst AS item, a.basis,
           w.stated + w.inferred AS n
      FROM agency_work w
      JOIN edge a ON a.src = w.item AND a.type = 'ALIGNS_WITH'
      JOIN node t ON t.id = a.dst
    UNION ALL
    SELECT w.agency, 'GOAL', g.src, a.basis, w.stated + w.inferred
      FROM agency_work w
      JOIN edge a ON a.src = w.item AND a.type = 'ALIGNS_WITH'
      JOIN edge g ON g.dst = a.dst AND g.type = 'HAS_TARGET'
    UNION ALL
    SELECT w.agency, 'THEME', h.dst, h.basis, w.stated + w.inferred
      FROM agency_work w JOIN edge h ON h.src = w.item AND h.type = 'HAS_THEME'
    UNION ALL
    SELECT h.src, 'THEME', h.dst, h.basis, 1
      FROM edge h JOIN node o ON o.id = h.src AND o.label = 'Organization'
     WHERE h.type = 'HAS_THEME'
    UNION ALL
    SELECT w.agency, 'OUTCOME', w.item, 'STATED', w.stated
      FROM agency_work w JOIN node o ON o.id = w.item AND o.label = 'Outcome'
    UNION ALL
    SELECT w.agency, 'OUTCOME', w.item, 'INFERRED', w.inferred
      FROM agency_work w JOIN node o ON o.id = w.item AND o.label = 'Outcome'
    UNION ALL
    SELECT w.agency, 'COUNTERPART', s.dst, s.basis, w.stated + w.inferred
      FROM agency_work w JOIN edge s ON s.src = w.item AND s.type = 'SUPPORTS'
    UNION ALL
    SELECT w.agency, 'REGION', pr.region, l.basis, w.stated + w.inferred
      FROM agency_work w JOIN edge l ON l.src = w.item AND l.type = 'LOCATED_IN' JOIN place_region pr ON pr.place = l.dst
)
GROUP BY agency, dimension, item
HAVING sum(n) > 0;
