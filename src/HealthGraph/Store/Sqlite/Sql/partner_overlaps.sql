-- Pairs of agencies and each item they share, with each agency's number of items in that dimension (for Jaccard).
-- @agencies: JSON array of organization ids, or NULL for all; @basis: 'STATED', 'INFERRED' or NULL for both.
, chosen AS (
    SELECT DISTINCT agency, dimension, item FROM links
     WHERE (@basis IS NULL OR basis = @basis)
       AND (@agencies IS NULL OR agency IN (SELECT value FROM json_each(@agencies)))
),
sizes AS (SELECT agency, dimension, COUNT(*) AS n FROM chosen GROUP BY agency, dimension),
pairs AS (
    SELECT DISTINCT a.agency AS a, b.agency AS b
      FROM chosen a JOIN chosen b ON b.dimension = a.dimension AND b.item = a.item AND a.agency < b.agency
)
SELECT p.a, p.b, d.dimension, s.item, n.label, n.name,
       coalesce(sa.n, 0) AS count_a, coalesce(sb.n, 0) AS count_b
  FROM pairs p
  JOIN (SELECT DISTINCT dimension FROM chosen) d
  LEFT JOIN sizes sa ON sa.agency = p.a AND sa.dimension = d.dimension
  LEFT JOIN sizes sb ON sb.agency = p.b AND sb.dimension = d.dimension
  LEFT JOIN (
        SELECT a.agency AS a, b.agency AS b, a.dimension, a.item
          FROM chosen a JOIN chosen b ON b.dimension = a.dimension AND b.item = a.item AND a.agency < b.agency
       ) s ON s.a = p.a AND s.b = p.b AND s.dimension = d.dimension
  LEFT JOIN node n ON n.id = s.item
 WHERE s.item IS NOT NULL OR sa.n IS NOT NULL OR sb.n IS NOT NULL
 ORDER BY p.a, p.b, d.dimension, s.item
