-- Every agency that shares at least one item with another agency, in @dimension (or in any dimension when null), of
-- @basis ('ANY', 'STATED', 'INFERRED' or 'DERIVED'), by id: agency_share holds a row exactly for those
-- (0007_derived_basis.sql).
SELECT DISTINCT agency
  FROM agency_share
 WHERE basis = @basis AND (@dimension IS NULL OR dimension = @dimension)
 ORDER BY agency
