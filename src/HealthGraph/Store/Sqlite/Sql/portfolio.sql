-- An agency's deliverables, each with its status and year, the SDG targets and goals it reaches (itself or through the
-- outcomes it serves) and its themes; not the nodes themselves, which a portfolio lists only a page of.
-- @agency: the organization's id. Each list is read per deliverable by index (edge_by_type), a few seeks each (CROSS
-- JOIN keeps that order: the planner otherwise reads every SDG target per deliverable, 22 s at 100,000); a
-- common table of every deliverable's reach, read per row, made this quadratic (over two minutes for the 24,307
-- deliverables of the largest agency at 100,000).
WITH mine (id) AS (SELECT dst FROM edge WHERE type = 'DELIVERS' AND src = @agency)
SELECT n.id, json_extract(n.props, '$.status'), json_extract(n.props, '$.year'),
       (SELECT json_group_array(DISTINCT json_extract(t.props, '$.code'))
          FROM edge a CROSS JOIN node t ON t.id = a.dst AND t.label = 'SdgTarget'
         WHERE a.type = 'ALIGNS_WITH'
           AND a.src IN (SELECT n.id UNION ALL SELECT s.dst FROM edge s WHERE s.type = 'SERVES' AND s.src = n.id)),
       (SELECT json_group_array(DISTINCT CASE t.label WHEN 'SdgTarget' THEN json_extract(t.props, '$.goalCode')
                                                     ELSE json_extract(t.props, '$.code') END)
          FROM edge a CROSS JOIN node t ON t.id = a.dst AND t.label IN ('SdgTarget', 'SdgGoal')
         WHERE a.type = 'ALIGNS_WITH'
           AND a.src IN (SELECT n.id UNION ALL SELECT s.dst FROM edge s WHERE s.type = 'SERVES' AND s.src = n.id)),
       (SELECT json_group_array(DISTINCT h.dst) FROM edge h WHERE h.type = 'HAS_THEME' AND h.src = n.id)
  FROM mine m
  JOIN node n ON n.id = m.id
 ORDER BY n.id
