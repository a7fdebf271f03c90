// How much each agency shares with the others, per dimension (as the SQLite store's agency_share): the sum over its
// items in the dimension of how many other agencies have the same item; agencies that share nothing are left out.
// From the partner-overlap aggregate: one row per agency and item held, however large the graph.
// $basis: 'STATED', 'INFERRED' or null for both.
MATCH (i:AgencyItem)
WHERE $basis IS NULL OR ($basis = 'STATED' AND i.stated > 0) OR ($basis = 'INFERRED' AND i.inferred > 0)
WITH i.dimension AS dimension, i.item AS item, collect(i.agency) AS holders
WHERE size(holders) > 1
UNWIND holders AS agency
RETURN agency, dimension, sum(size(holders) - 1) AS score
ORDER BY agency, dimension
