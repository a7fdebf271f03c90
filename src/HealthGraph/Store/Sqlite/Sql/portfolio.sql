-- An agency's deliverables, each with its status and year, the SDG targets and goals it is aligned with (AlignmentPaths:
-- itself, a goal through its target, or through the work it serves) and its themes; not the nodes themselves, which a
-- portfolio lists only a page of. @agency: the organization's id; @basis: 'STATED', 'INFERRED' or NULL (the basis of
-- the alignment); @direct, @viaTarget, @viaOutcome: 1 for each path that counts, else 0. Each list is read per
-- deliverable by index (edge_by_type), a few seeks each (CROSS JOIN keeps that order: the planner otherwise reads every
-- SDG target per deliverable, 22 s at 100,000); a common table of every deliverable's reach, read per row, made this
-- quadratic (over two minutes for the 24,307 deliverables of the largest agency at 100,000).
WITH mine (id) AS (SELECT dst FROM edge WHERE type = 'DELIVERS' AND src = @agency)
SELECT n.id, json_extract(n.props, '$.status'), json_extract(n.props, '$.year'),
       (SELECT json_group_array(DISTINCT json_extract(t.props, '$.code'))
          FROM edge a CROSS JOIN node t ON t.id = a.dst AND t.label = 'SdgTarget'
         WHERE a.type = 'ALIGNS_WITH'
           AND (@basis IS NULL OR a.basis = @basis)
           AND a.src IN (SELECT n.id WHERE @direct
                         UNION ALL SELECT s.dst FROM edge s WHERE @viaOutcome AND s.type = 'SERVES' AND s.src = n.id)),
       (SELECT json_group_array(DISTINCT CASE t.label WHEN 'SdgTarget' THEN json_extract(t.props, '$.goalCode')
                                                     ELSE json_extract(t.props, '$.code') END)
          FROM edge a CROSS JOIN node t ON t.id = a.dst AND t.label IN ('SdgTarget', 'SdgGoal')
         WHERE a.type = 'ALIGNS_WITH'
           AND (@basis IS NULL OR a.basis = @basis)
           AND a.src IN (SELECT n.id WHERE @direct OR @viaTarget
                         UNION ALL SELECT s.dst FROM edge s WHERE @viaOutcome AND s.type = 'SERVES' AND s.src = n.id)
           AND (a.src <> n.id OR CASE t.label WHEN 'SdgGoal' THEN @direct ELSE @viaTarget END)),
       (SELECT json_group_array(DISTINCT h.dst) FROM edge h WHERE h.type = 'HAS_THEME' AND h.src = n.id)
  FROM mine m
  JOIN node n ON n.id = m.id
 ORDER BY n.id
