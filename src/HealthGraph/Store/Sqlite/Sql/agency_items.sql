-- The partner-overlap aggregate (0007_derived_basis.sql) of some agencies, in (dimension, item, agency) order: what the
-- partner overlaps are counted from (OverlapCounting).
-- @agencies: JSON array of organization ids, or NULL for all; @dimension: one dimension's code, or NULL for all;
-- @basis: 'STATED', 'INFERRED', 'DERIVED' or NULL for any.
SELECT ai.agency, ai.dimension, ai.item
  FROM agency_item ai
 WHERE ai.agency IN (SELECT value FROM json_each(@agencies))
   AND (@dimension IS NULL OR ai.dimension = @dimension)
   AND (@basis IS NULL OR (@basis = 'STATED' AND ai.stated > 0) OR (@basis = 'INFERRED' AND ai.inferred > 0)
        OR (@basis = 'DERIVED' AND ai.derived > 0))
 ORDER BY ai.dimension, ai.item, ai.agency
