// Schema version 5: the partner-overlap aggregate's pair counts, kept current in the transaction of every change from
// the AgencyItem rows it changes, so that an overlap answer reads its pairs' counts instead of every partner's items.
// (:AgencyPair {a, b, dimension, any, stated, inferred}): for two agencies (a before b by id) with an item in common in
// the dimension, how many they share counting links of either basis, of stated ones and of inferred ones (a node
// exists while any is above 0). (:AgencySize {agency, dimension, any, stated, inferred, sharedAny, sharedStated,
// sharedInferred}): how many items the agency has in the dimension by each basis (the Jaccard index's sizes), and the
// sum of its pairs' counts (the overlap matrix's ranking; above 0 exactly when it shares something). Both are rebuilt
// after this migration and after every load, and compared with OverlapCounting by `healthgraph aggregates check`.
CREATE CONSTRAINT agency_pair_key IF NOT EXISTS FOR (p:AgencyPair) REQUIRE (p.a, p.b, p.dimension) IS UNIQUE;
CREATE INDEX agency_pair_a IF NOT EXISTS FOR (p:AgencyPair) ON (p.a);
CREATE INDEX agency_pair_b IF NOT EXISTS FOR (p:AgencyPair) ON (p.b);
CREATE CONSTRAINT agency_size_key IF NOT EXISTS FOR (s:AgencySize) REQUIRE (s.agency, s.dimension) IS UNIQUE;
CREATE INDEX agency_size_agency IF NOT EXISTS FOR (s:AgencySize) ON (s.agency);
