-- Agency x SDG goal (or target) cells with the work behind each, for @agencies (NULL: every agency). @dimension: 'GOAL'
-- or 'TARGET'; @basis as usual.
SELECT DISTINCT l.agency, l.item, json_extract(s.props, '$.code') AS code, l.via, v.label, v.name, l.basis, l.reason
  FROM links l
  JOIN node s ON s.id = l.item
  JOIN node v ON v.id = l.via
 WHERE l.dimension = @dimension AND (@basis IS NULL OR l.basis = @basis)
 ORDER BY l.agency, l.item, l.via
