-- The items each pair of agencies shares in a dimension, the first @first of each by id: what an overlap answer lists
-- of what it counted. @keys: JSON array of {a, b, dimension, basis} (basis 'STATED', 'INFERRED', 'DERIVED' or null for
-- any); a row per key, with its position in @keys and its items as a JSON array. Each key walks a's items in the
-- primary key's order (agency, dimension, item) and looks each up for b, until @first are found.
SELECT k.key,
       (SELECT json_group_array(item) FROM (
            SELECT a.item
              FROM agency_item a
              JOIN agency_item b ON b.agency = k.value ->> 'b' AND b.dimension = a.dimension AND b.item = a.item
             WHERE a.agency = k.value ->> 'a' AND a.dimension = k.value ->> 'dimension'
               AND (k.value ->> 'basis' IS NULL OR (k.value ->> 'basis' = 'STATED' AND a.stated > 0 AND b.stated > 0)
                    OR (k.value ->> 'basis' = 'INFERRED' AND a.inferred > 0 AND b.inferred > 0)
                    OR (k.value ->> 'basis' = 'DERIVED' AND a.derived > 0 AND b.derived > 0))
             ORDER BY a.item
             LIMIT @first)) AS items
  FROM json_each(@keys) k
