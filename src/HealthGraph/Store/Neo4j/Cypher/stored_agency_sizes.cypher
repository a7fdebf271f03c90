// Every agency size and share kept (Migrations/0005_agency_pairs.cypher), for `healthgraph aggregates check` and the
// rebuild (which replaces those of every agency listed here too).
MATCH (s:AgencySize)
RETURN s.agency AS agency, s.dimension AS dimension, s.any AS any, s.stated AS stated, s.inferred AS inferred, s.derived AS derived,
       s.sharedAny AS sharedAny, s.sharedStated AS sharedStated, s.sharedInferred AS sharedInferred, s.sharedDerived AS sharedDerived
