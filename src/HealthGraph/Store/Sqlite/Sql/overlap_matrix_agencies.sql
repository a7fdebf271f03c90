-- For ranking the agencies of an overlap matrix: who has which item of @dimension (of the given basis), in item
-- order, read along the aggregate's item index (covering when no basis is asked for); then the UN agencies.
-- The store sums, per agency, how many other agencies have each of its items: linear in the dimension's rows.
SELECT item, agency FROM agency_item INDEXED BY agency_item_by_item
 WHERE dimension = @dimension
   AND (@basis IS NULL OR (@basis = 'STATED' AND stated > 0) OR (@basis = 'INFERRED' AND inferred > 0))
 ORDER BY item;
SELECT id FROM node INDEXED BY node_by_label WHERE label = 'Organization' AND props ->> 'kind' = 'UN_AGENCY';
