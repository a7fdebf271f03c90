-- Every agency that shares at least one item (of the given basis) with another agency, in any dimension, by id.
-- Linear in the partner-overlap aggregate: the items two or more agencies have, then who has them.
WITH shared AS (
    SELECT dimension, item FROM agency_item INDEXED BY agency_item_by_item
     WHERE @basis IS NULL OR (@basis = 'STATED' AND stated > 0) OR (@basis = 'INFERRED' AND inferred > 0)
     GROUP BY dimension, item
    HAVING count(*) > 1
)
SELECT DISTINCT a.agency
  FROM shared s
  JOIN agency_item a INDEXED BY agency_item_by_item ON a.dimension = s.dimension AND a.item = s.item
 WHERE @basis IS NULL OR (@basis = 'STATED' AND a.stated > 0) OR (@basis = 'INFERRED' AND a.inferred > 0)
 ORDER BY a.agency
