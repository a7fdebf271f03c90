-- The work behind SDG goals and targets: for a target, the work aligned with it; for a goal, the work aligned with the
-- goal itself or with any of its targets (the links' GOAL dimension); and, as in goal_coverage.sql, the deliverables
-- that serve an aligned outcome (via_outcome = 1), each with the agency that delivers it.
-- @sdgs: JSON array of goal and target ids; @basis: 'STATED', 'INFERRED' or NULL.
, asked (sdg, dimension) AS (
    SELECT id, CASE label WHEN 'SdgTarget' THEN 'TARGET' ELSE 'GOAL' END
      FROM node
     WHERE id IN (SELECT value FROM json_each(@sdgs)) AND label IN ('SdgGoal', 'SdgTarget')
),
reached (sdg, agency, item, basis, reason, via_outcome) AS (
    SELECT l.item, l.agency, l.via, l.basis, l.reason, 0
      FROM links l JOIN asked q ON q.sdg = l.item AND q.dimension = l.dimension
     WHERE @basis IS NULL OR l.basis = @basis
    UNION
    SELECT l.item, d.src, s.src, l.basis, l.reason, 1
      FROM links l JOIN asked q ON q.sdg = l.item AND q.dimension = l.dimension
      JOIN edge s ON s.dst = l.via AND s.type = 'SERVES'
      JOIN edge d ON d.dst = s.src AND d.type = 'DELIVERS'
     WHERE @basis IS NULL OR l.basis = @basis
),
-- One row per piece of work, agency and SDG node: an item can reach a goal through several of its targets, or both
-- itself and through an outcome it serves; the strongest link wins (stated before inferred, direct before via an
-- outcome), then the first reason, so the answer is the same on every run.
strongest AS (
    SELECT r.*, row_number() OVER (
               PARTITION BY r.sdg, r.agency, r.item
               ORDER BY CASE r.basis WHEN 'STATED' THEN 0 ELSE 1 END, r.via_outcome, r.reason) AS rank
      FROM reached r
)
SELECT x.sdg, x.item, n.label, n.name, x.agency, x.basis, x.reason, x.via_outcome
  FROM strongest x
  JOIN node n ON n.id = x.item
 WHERE x.rank = 1
 ORDER BY x.sdg, x.agency, x.item
