// The agencies that have each of $items in $dimension, by links of $basis ('STATED', 'INFERRED', 'DERIVED' or null for
// any), from the AgencyItem nodes by their index on (dimension, item) (as Sql/item_holders.sql): per item how many, and
// the first $first by links (most first), then agency id.
UNWIND $items AS itemId
CALL (itemId) {
  MATCH (i:AgencyItem {dimension: $dimension, item: itemId})
  WITH i.agency AS agency,
       CASE $basis WHEN 'STATED' THEN i.stated WHEN 'INFERRED' THEN i.inferred WHEN 'DERIVED' THEN i.derived
                   ELSE i.stated + i.inferred + i.derived END AS links
  WHERE links > 0
  WITH agency, links
  ORDER BY links DESC, agency
  RETURN count(*) AS holders, collect({agency: agency, links: links})[..$first] AS agencies
}
RETURN itemId AS item, holders, agencies
