// Every pair count kept (Migrations/0005_agency_pairs.cypher), for `healthgraph aggregates check`.
MATCH (p:AgencyPair)
RETURN p.a AS a, p.b AS b, p.dimension AS dimension, p.any AS any, p.stated AS stated, p.inferred AS inferred, p.derived AS derived
