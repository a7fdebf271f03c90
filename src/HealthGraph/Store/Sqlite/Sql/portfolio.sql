-- An agency's deliverables, each with its status and year, the SDG targets and goals it is aligned with (AlignmentPaths:
-- itself, a goal through its target, or through the work it serves) and its themes; not the nodes themselves, which a
-- portfolio lists only a page of. @agency: the organization's id; @basis: 'STATED', 'INFERRED', 'DERIVED' or NULL (the
-- basis of the alignment); @direct, @viaTarget, @viaOutcome: 1 for each path that counts, else 0. Unordered (the store
-- sorts the rows by id: a temporary B-tree here took 48 ms for the 24,223 deliverables of the largest agency at 100,000).
-- The alignments are read from the goal-coverage aggregate (coverage_link, kept by triggers): its rows of the agency
-- are every alignment of its work, the work's own (via 0: item is the aligned deliverable) and through what it serves
-- (via 1: item is the serving deliverable), in two range reads per SDG node; the rows of other work of the agency
-- (outcomes, what its deliverables serve) find no deliverable in the join. Read from the graph instead, the same
-- alignments took 260 ms for that agency (every deliverable's, and every served outcome's again for each deliverable
-- serving it), against 77 ms; four correlated subqueries per deliverable, each parsing the targets' JSON, took 650 ms.
WITH
sdg (id, code, goal, is_goal) AS MATERIALIZED (
    SELECT id, props ->> 'code', CASE label WHEN 'SdgGoal' THEN props ->> 'code' ELSE props ->> 'goalCode' END, label = 'SdgGoal'
      FROM node INDEXED BY node_by_label
     WHERE label IN ('SdgGoal', 'SdgTarget')
),
mine (id) AS MATERIALIZED (SELECT dst FROM edge WHERE src = @agency AND type = 'DELIVERS'),
aligned (id, targets, goals) AS MATERIALIZED (
    SELECT c.item,
           json_group_array(DISTINCT s.code) FILTER (WHERE NOT s.is_goal AND (c.via OR @direct)),
           json_group_array(DISTINCT s.goal) FILTER (WHERE c.via OR CASE WHEN s.is_goal THEN @direct ELSE @viaTarget END)
      FROM sdg s CROSS JOIN coverage_link c ON c.sdg = s.id AND c.agency = @agency
     WHERE (@basis IS NULL OR c.basis = @basis) AND CASE WHEN c.via THEN @viaOutcome ELSE @direct OR @viaTarget END
     GROUP BY c.item
)
SELECT m.id, n.props ->> 'status', n.props ->> 'year', coalesce(a.targets, '[]'), coalesce(a.goals, '[]'),
       (SELECT json_group_array(h.dst) FROM edge h WHERE h.src = m.id AND h.type = 'HAS_THEME')
  FROM mine m
  JOIN node n ON n.id = m.id
  LEFT JOIN aligned a ON a.id = m.id
