// Replaces the pair counts (Migrations/0005_agency_pairs.cypher) of the pairs whose first agency is one of $agencies,
// counted from the AgencyItem rows of each and the other holders of its items that come after it by id: a step of a
// rebuild, under the aggregate lock, after the AgencyItem rows are rebuilt.
CALL () {
  UNWIND $agencies AS agency
  MATCH (p:AgencyPair {a: agency})
  USING INDEX SEEK p:AgencyPair(a)
  DELETE p
}
UNWIND $agencies AS agency
MATCH (x:AgencyItem {agency: agency})
USING INDEX SEEK x:AgencyItem(agency)
MATCH (y:AgencyItem {dimension: x.dimension, item: x.item})
USING INDEX SEEK y:AgencyItem(dimension, item)
WHERE y.agency > agency
WITH agency, y.agency AS other, x.dimension AS dimension,
     count(*) AS any,
     sum(CASE WHEN x.stated > 0 AND y.stated > 0 THEN 1 ELSE 0 END) AS stated,
     sum(CASE WHEN x.inferred > 0 AND y.inferred > 0 THEN 1 ELSE 0 END) AS inferred,
     sum(CASE WHEN x.derived > 0 AND y.derived > 0 THEN 1 ELSE 0 END) AS derived
CREATE (:AgencyPair {a: agency, b: other, dimension: dimension, any: any, stated: stated, inferred: inferred, derived: derived})
RETURN count(*) AS pairs
