-- agency_links.sql's links counted per key and basis: what agency_item holds when it is exact (the consistency check).
SELECT agency, dimension, item, sum(basis = 'STATED'), sum(basis = 'INFERRED'), sum(basis = 'DERIVED') FROM links GROUP BY agency, dimension, item
