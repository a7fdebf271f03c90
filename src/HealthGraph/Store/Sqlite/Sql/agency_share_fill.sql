-- Fills agency_share (0007_derived_basis.sql) from agency_item in one pass: after the migration that creates it, and
-- after a load into an empty store (which drops the triggers that keep it). Per dimension and item, how many agencies
-- have it with each basis; then per agency, the sum over its items of the others that have them.
DELETE FROM agency_share;

WITH holders AS (
    SELECT dimension, item, count(*) AS any_n, sum(stated > 0) AS stated_n, sum(inferred > 0) AS inferred_n, sum(derived > 0) AS derived_n
      FROM agency_item INDEXED BY agency_item_by_item
     GROUP BY dimension, item
),
scores AS (
    SELECT a.dimension, a.agency,
           sum(h.any_n - 1) AS any_s,
           sum(iif(a.stated > 0, h.stated_n - 1, 0)) AS stated_s,
           sum(iif(a.inferred > 0, h.inferred_n - 1, 0)) AS inferred_s,
           sum(iif(a.derived > 0, h.derived_n - 1, 0)) AS derived_s
      FROM agency_item a INDEXED BY agency_item_by_item
      JOIN holders h ON h.dimension = a.dimension AND h.item = a.item
     GROUP BY a.dimension, a.agency
)
INSERT INTO agency_share (dimension, basis, agency, score)
SELECT dimension, 'ANY', agency, any_s FROM scores WHERE any_s > 0
UNION ALL
SELECT dimension, 'STATED', agency, stated_s FROM scores WHERE stated_s > 0
UNION ALL
SELECT dimension, 'INFERRED', agency, inferred_s FROM scores WHERE inferred_s > 0
UNION ALL
SELECT dimension, 'DERIVED', agency, derived_s FROM scores WHERE derived_s > 0;
