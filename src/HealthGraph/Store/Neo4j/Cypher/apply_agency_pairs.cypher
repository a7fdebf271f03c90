// Adds a change's deltas to the pair counts and sizes (Migrations/0005_agency_pairs.cypher): $pairs: [{a, b, dimension,
// any, stated, inferred, derived}], $sizes: [{agency, dimension, any, stated, inferred, derived, sharedAny,
// sharedStated, sharedInferred, sharedDerived}], one per key, computed from the AgencyItem rows the change turned on or
// off for a basis. A node whose counts all reach 0 is deleted. Run under the aggregate lock, after
// apply_agency_items.cypher.
CALL () {
  UNWIND $pairs AS d
  MERGE (p:AgencyPair {a: d.a, b: d.b, dimension: d.dimension})
    ON CREATE SET p.any = 0, p.stated = 0, p.inferred = 0, p.derived = 0
  SET p.any = p.any + d.any, p.stated = p.stated + d.stated, p.inferred = p.inferred + d.inferred, p.derived = p.derived + d.derived
  WITH p
  WHERE p.any = 0
  DELETE p
}
CALL () {
  UNWIND $sizes AS d
  MERGE (s:AgencySize {agency: d.agency, dimension: d.dimension})
    ON CREATE SET s.any = 0, s.stated = 0, s.inferred = 0, s.derived = 0,
                  s.sharedAny = 0, s.sharedStated = 0, s.sharedInferred = 0, s.sharedDerived = 0
  SET s.any = s.any + d.any, s.stated = s.stated + d.stated, s.inferred = s.inferred + d.inferred, s.derived = s.derived + d.derived,
      s.sharedAny = s.sharedAny + d.sharedAny, s.sharedStated = s.sharedStated + d.sharedStated,
      s.sharedInferred = s.sharedInferred + d.sharedInferred, s.sharedDerived = s.sharedDerived + d.sharedDerived
  WITH s
  WHERE s.any = 0
  DELETE s
}
RETURN true AS applied
