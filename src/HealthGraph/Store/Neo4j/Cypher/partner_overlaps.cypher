// For each pair of agencies (a < b by id) that share anything: per dimension in which either has items, how many
// items each has (for Jaccard) and the items both have, by id.
// $agencies: organization ids, or null for all (pairs among them); $of: organization ids, or null (only the pairs
// with at least one of them); $basis: 'STATED', 'INFERRED' or null for both; $dimension: one of the dimensions below, or
// null for all (with one, only the pairs that share something in it, and only it).
// Each agency's counts travel with it to the items it holds, so a pair's counts are read, not searched for; pairs are
// built item by item from the item's holders (with $of, only those holders' pairs).
CALL () {
  // include: agency_links
}
WITH DISTINCT agency, dimension, item
WHERE $dimension IS NULL OR dimension = $dimension
WITH agency, collect({dimension: dimension, item: item}) AS items
WITH ['COUNTERPART', 'GOAL', 'OUTCOME', 'TARGET', 'THEME'] AS dimensions, agency, items
WITH dimensions, agency, items, [d IN dimensions | size([i IN items WHERE i.dimension = d])] AS counts
UNWIND items AS i
WITH dimensions, i.dimension AS dimension, i.item AS item, collect({agency: agency, counts: counts}) AS holders
WHERE size(holders) > 1
UNWIND holders AS x
WITH dimensions, dimension, item, holders, x
WHERE $of IS NULL OR x.agency IN $of
UNWIND holders AS y
WITH dimensions, dimension, item, x, y
WHERE x.agency < y.agency OR ($of IS NOT NULL AND x.agency > y.agency AND NOT y.agency IN $of)
WITH dimensions, dimension, item, CASE WHEN x.agency < y.agency THEN [x, y] ELSE [y, x] END AS pair
ORDER BY item.id
WITH dimensions, pair[0] AS a, pair[1] AS b, dimension, collect(item) AS shared
WITH dimensions, a, b, collect({dimension: dimension, shared: shared}) AS sharedByDimension
UNWIND range(0, size(dimensions) - 1) AS k
WITH a, b, dimensions[k] AS dimension, a.counts[k] AS countA, b.counts[k] AS countB, sharedByDimension
WHERE countA > 0 OR countB > 0
RETURN a.agency AS a, b.agency AS b, dimension, countA, countB,
       [n IN coalesce(head([s IN sharedByDimension WHERE s.dimension = dimension]).shared, []) |
        {id: n.id, label: [l IN labels(n) WHERE l <> 'Entity'][0], name: n.name}] AS shared
ORDER BY a, b, dimension
