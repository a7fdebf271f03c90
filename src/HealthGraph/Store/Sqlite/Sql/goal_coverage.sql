-- Everything aligned with a goal's targets (or with the goal itself): the aligned work, the deliverables that serve
-- an aligned outcome, and the agency behind each. @goal: the goal's node id; @basis: 'STATED', 'INFERRED' or NULL.
, aligned (sdg, item, basis, reason) AS (
    SELECT a.dst, a.src, a.basis, a.reason
      FROM edge a
     WHERE a.type = 'ALIGNS_WITH'
       AND (a.dst = @goal OR a.dst IN (SELECT dst FROM edge WHERE type = 'HAS_TARGET' AND src = @goal))
       AND (@basis IS NULL OR a.basis = @basis)
),
contributions (sdg, item, basis, reason, via_outcome) AS (
    SELECT sdg, item, basis, reason, 0 FROM aligned
    UNION
    SELECT x.sdg, s.src, x.basis, x.reason, 1
      FROM aligned x JOIN edge s ON s.dst = x.item AND s.type = 'SERVES'
)
SELECT DISTINCT c.sdg, c.item, n.label, n.name, w.agency, c.basis, c.reason, c.via_outcome
  FROM contributions c
  JOIN node n ON n.id = c.item
  JOIN work w ON w.item = c.item
 ORDER BY c.sdg, w.agency, c.item;

SELECT t.id, t.label, t.name, t.props, t.basis, t.source, t.excerpt, t.reason,
       t.created_at, t.updated_at, t.updated_by
  FROM edge g JOIN node t ON t.id = g.dst
 WHERE g.type = 'HAS_TARGET' AND g.src = @goal
