-- The partner-overlap aggregate's rows as a limited question recomputes them (appended to agency_links.sql, with
-- @limited the work in the limit): each agency, dimension and item that links of @basis (NULL: any) reach, with how
-- many (the store puts them in the order OverlapCounting reads).
SELECT agency, dimension, item, count(*)
  FROM links
 WHERE @basis IS NULL OR basis = @basis
 GROUP BY dimension, item, agency
