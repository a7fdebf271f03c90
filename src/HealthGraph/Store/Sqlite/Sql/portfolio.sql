-- An agency's deliverables, each with the SDG targets and goals it reaches (itself or through the outcomes it
-- serves) and its themes. @agency: the organization's id.
WITH
mine AS (SELECT dst AS id FROM edge WHERE type = 'DELIVERS' AND src = @agency),
reach (deliverable, item) AS (
    SELECT id, id FROM mine
    UNION
    SELECT s.src, s.dst FROM edge s JOIN mine m ON m.id = s.src WHERE s.type = 'SERVES'
),
aligned (deliverable, sdg) AS (
    SELECT r.deliverable, a.dst FROM reach r JOIN edge a ON a.src = r.item AND a.type = 'ALIGNS_WITH'
)
SELECT n.id, n.label, n.name, n.props, n.basis, n.source, n.excerpt, n.reason,
       n.created_at, n.updated_at, n.updated_by,
       (SELECT json_group_array(DISTINCT json_extract(t.props, '$.code'))
          FROM aligned x JOIN node t ON t.id = x.sdg AND t.label = 'SdgTarget' WHERE x.deliverable = n.id) AS targets,
       (SELECT json_group_array(DISTINCT code) FROM (
            SELECT json_extract(t.props, '$.goalCode') AS code
              FROM aligned x JOIN node t ON t.id = x.sdg AND t.label = 'SdgTarget' WHERE x.deliverable = n.id
            UNION
            SELECT json_extract(t.props, '$.code')
              FROM aligned x JOIN node t ON t.id = x.sdg AND t.label = 'SdgGoal' WHERE x.deliverable = n.id)) AS goals,
       (SELECT json_group_array(h.dst) FROM edge h WHERE h.src = n.id AND h.type = 'HAS_THEME') AS themes
  FROM mine m JOIN node n ON n.id = m.id
 ORDER BY n.id
