// How much each agency shares with the others, per dimension (as the SQLite store's agency_share): the sum of its
// pairs' counts of links of $basis ('STATED', 'INFERRED', 'DERIVED' or null for any), kept in AgencySize nodes
// (Migrations/0005_agency_pairs.cypher); agencies that share nothing are left out. One node per agency and dimension:
// this reads as many rows as there are agencies, however large their work.
MATCH (s:AgencySize)
WITH s, CASE $basis WHEN 'STATED' THEN s.sharedStated WHEN 'INFERRED' THEN s.sharedInferred WHEN 'DERIVED' THEN s.sharedDerived
            ELSE s.sharedAny END AS score
WHERE score > 0
RETURN s.agency AS agency, s.dimension AS dimension, score
ORDER BY agency, dimension
