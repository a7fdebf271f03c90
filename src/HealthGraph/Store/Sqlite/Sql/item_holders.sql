-- The agencies that have each of @items (a JSON array of ids) in @dimension, by links of @basis ('STATED', 'INFERRED',
-- 'DERIVED' or NULL for any), from the partner-overlap aggregate by its index on (dimension, item): per item how many,
-- and the first @first by links (most first), then agency id (the first row of an item is read when @first is 0, for its
-- count).
SELECT item, agency, links, holders, position
  FROM (SELECT item, agency, links,
               count(*) OVER (PARTITION BY item) AS holders,
               row_number() OVER (PARTITION BY item ORDER BY links DESC, agency) AS position
          FROM (SELECT i.item, i.agency,
                       CASE @basis WHEN 'STATED' THEN i.stated WHEN 'INFERRED' THEN i.inferred WHEN 'DERIVED' THEN i.derived
                                   ELSE i.stated + i.inferred + i.derived END AS links
                  FROM json_each(@items) AS asked
                  JOIN agency_item i INDEXED BY agency_item_by_item ON i.dimension = @dimension AND i.item = asked.value)
         WHERE links > 0)
 WHERE position <= max(@first, 1)
 ORDER BY item, position
