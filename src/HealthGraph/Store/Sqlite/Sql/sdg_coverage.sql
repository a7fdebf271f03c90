-- The work behind one SDG goal or target, read from the goal-coverage aggregate (0007_derived_basis.sql) by index: the
-- same rows as Sql/sdg_work.sql without @withTargets, for one node. Counts and agencies come from the counted rows
-- (a few per agency and label); the lists read only their first @first keys, so the cost does not grow with the work.
-- @sdg: a goal or target id; @basis: 'STATED', 'INFERRED', 'DERIVED' or NULL (a key counts if it has a link of that
-- basis, or any); @first: at most this many contributions, deliverables and outcomes (-1: all).
-- A listed contribution is its key's strongest link (stated, then derived, then inferred; direct before via an outcome,
-- then the first reason, NULL first), as sdg_work.sql's `strongest`; the reason is the alignment's, read here.
SELECT 'N', @sdg, 'Contribution', coalesce(sum(CASE @basis WHEN 'STATED' THEN stated WHEN 'INFERRED' THEN inferred WHEN 'DERIVED' THEN derived ELSE total END), 0),
       NULL, NULL, NULL, NULL, NULL
  FROM coverage_agency
 WHERE sdg = @sdg
UNION ALL
SELECT 'N', sdg, label, CASE @basis WHEN 'STATED' THEN stated WHEN 'INFERRED' THEN inferred WHEN 'DERIVED' THEN derived ELSE total END,
       NULL, NULL, NULL, NULL, NULL
  FROM coverage_count
 WHERE sdg = @sdg AND label IN ('Deliverable', 'Outcome')
UNION ALL
SELECT 'A', sdg, agency, NULL, NULL, NULL, NULL, NULL, NULL
  FROM coverage_agency
 WHERE sdg = @sdg AND CASE @basis WHEN 'STATED' THEN stated WHEN 'INFERRED' THEN inferred WHEN 'DERIVED' THEN derived ELSE total END > 0
UNION ALL
SELECT * FROM (
    SELECT 'I', sdg, item, label, NULL, NULL, NULL, NULL, NULL
      FROM coverage_item
     WHERE sdg = @sdg AND label = 'Deliverable' AND CASE @basis WHEN 'STATED' THEN stated WHEN 'INFERRED' THEN inferred WHEN 'DERIVED' THEN derived ELSE total END > 0
     ORDER BY item
     LIMIT @first)
UNION ALL
SELECT * FROM (
    SELECT 'I', sdg, item, label, NULL, NULL, NULL, NULL, NULL
      FROM coverage_item
     WHERE sdg = @sdg AND label = 'Outcome' AND CASE @basis WHEN 'STATED' THEN stated WHEN 'INFERRED' THEN inferred WHEN 'DERIVED' THEN derived ELSE total END > 0
     ORDER BY item
     LIMIT @first)
UNION ALL
SELECT 'C', c.sdg, c.item, n.label, n.name, c.agency,
       CASE substr(c.strength, 1, 1) WHEN '0' THEN 'STATED' WHEN '1' THEN 'DERIVED' ELSE 'INFERRED' END,
       iif(substr(c.strength, 3, 1) = '1', substr(c.strength, 4), NULL),
       CAST(substr(c.strength, 2, 1) AS INTEGER)
  FROM (SELECT l.sdg, l.agency, l.item,
               min(CASE l.basis WHEN 'STATED' THEN '0' WHEN 'DERIVED' THEN '1' ELSE '2' END || l.via || CASE WHEN a.reason IS NULL THEN '0' ELSE '1' || a.reason END) AS strength
          FROM coverage_link l
          CROSS JOIN edge a ON a.src = l.aligned AND a.type = 'ALIGNS_WITH' AND a.dst = l.sdg
         WHERE l.sdg = @sdg AND (@basis IS NULL OR l.basis = @basis)
         GROUP BY l.agency, l.item
         ORDER BY l.agency, l.item
         LIMIT @first) c
  CROSS JOIN node n ON n.id = c.item
