-- How many items each of @agencies has in each dimension (only @dimension when it is not null), counting links of @basis
-- ('STATED', 'INFERRED', 'DERIVED' or NULL for any): the sizes of the Jaccard index, from the partner-overlap aggregate
-- by its key. Dimensions in which an agency has nothing are left out.
SELECT ai.agency, ai.dimension, count(*)
  FROM agency_item ai
 WHERE ai.agency IN (SELECT value FROM json_each(@agencies))
   AND (@dimension IS NULL OR ai.dimension = @dimension)
   AND (@basis IS NULL OR (@basis = 'STATED' AND ai.stated > 0) OR (@basis = 'INFERRED' AND ai.inferred > 0)
        OR (@basis = 'DERIVED' AND ai.derived > 0))
 GROUP BY ai.agency, ai.dimension
