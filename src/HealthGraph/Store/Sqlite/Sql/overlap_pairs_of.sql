-- How many items each pair that one of @agencies is in shares, per dimension, from the partner-overlap aggregate
-- (0007_derived_basis.sql): each of the agencies' items joined to the other agencies that have it, by index
-- (agency_item_by_item), so that the rows read grow with these agencies' items and their holders, not with every
-- agency's. A pair of two of @agencies is counted once. Pairs as (a, b) with a before b.
-- @agencies: JSON array of organization ids; @dimension: one dimension's code, or NULL for all; @basis: 'STATED',
-- 'INFERRED', 'DERIVED' or NULL for any (both agencies' links of that basis).
SELECT min(a.agency, b.agency), max(a.agency, b.agency), a.dimension, count(*)
  FROM agency_item a
  JOIN agency_item b INDEXED BY agency_item_by_item ON b.dimension = a.dimension AND b.item = a.item AND b.agency <> a.agency
 WHERE a.agency IN (SELECT value FROM json_each(@agencies))
   AND (@dimension IS NULL OR a.dimension = @dimension)
   AND NOT (b.agency < a.agency AND b.agency IN (SELECT value FROM json_each(@agencies)))
   AND (@basis IS NULL OR (@basis = 'STATED' AND a.stated > 0 AND b.stated > 0) OR (@basis = 'INFERRED' AND a.inferred > 0 AND b.inferred > 0)
        OR (@basis = 'DERIVED' AND a.derived > 0 AND b.derived > 0))
 GROUP BY 1, 2, 3
