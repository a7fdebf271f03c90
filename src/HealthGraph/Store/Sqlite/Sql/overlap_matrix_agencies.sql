-- The agencies an overlap matrix shows when none are named, best first: organizations of kind UN_AGENCY, then the
-- agencies that share the most items with others in @dimension (the sum, over their items, of how many other agencies
-- have the item: the sum of their sharedCount over all pairs), ties by id; at most @first.
-- Read from the partner-overlap aggregate by its item index: linear in the dimension's rows, whatever the pairs.
WITH chosen AS MATERIALIZED (
    SELECT agency, item FROM agency_item INDEXED BY agency_item_by_item
     WHERE dimension = @dimension
       AND (@basis IS NULL OR (@basis = 'STATED' AND stated > 0) OR (@basis = 'INFERRED' AND inferred > 0))
),
reach AS (SELECT item, count(*) - 1 AS others FROM chosen GROUP BY item),
scores AS (SELECT c.agency, sum(r.others) AS shared FROM chosen c JOIN reach r ON r.item = c.item GROUP BY c.agency),
un AS (SELECT id FROM node INDEXED BY node_by_label WHERE label = 'Organization' AND props ->> 'kind' = 'UN_AGENCY')
SELECT un.id, 1 AS un, coalesce(s.shared, 0) AS shared FROM un LEFT JOIN scores s ON s.agency = un.id
UNION ALL
SELECT agency, 0, shared FROM scores WHERE shared > 0 AND agency NOT IN (SELECT id FROM un)
ORDER BY un DESC, shared DESC, id
LIMIT @first
