// How much each agency shares with the others, per dimension (as the SQLite store's agency_share): the sum over its
// items in the dimension of how many other agencies have the same item; agencies that share nothing are left out.
// $agencies: null (every agency); $basis: 'STATED', 'INFERRED' or null for both.
CALL () {
  // include: agency_links
}
WITH DISTINCT agency, dimension, item
WITH dimension, item, collect(agency) AS holders
WHERE size(holders) > 1
UNWIND holders AS agency
RETURN agency, dimension, sum(size(holders) - 1) AS score
ORDER BY agency, dimension
