-- The agencies that share at least one item (of the given basis) with one of @agencies, and @agencies themselves, as a
-- JSON array.
SELECT json_group_array(agency) FROM (
    SELECT value AS agency FROM json_each(@agencies)
    UNION
    SELECT b.agency
      FROM agency_item a
      JOIN agency_item b INDEXED BY agency_item_by_item ON b.dimension = a.dimension AND b.item = a.item
     WHERE a.agency IN (SELECT value FROM json_each(@agencies))
       AND (@basis IS NULL OR (@basis = 'STATED' AND a.stated > 0 AND b.stated > 0) OR (@basis = 'INFERRED' AND a.inferred > 0 AND b.inferred > 0)
            OR (@basis = 'DERIVED' AND a.derived > 0 AND b.derived > 0))
)
