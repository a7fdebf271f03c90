-- Common table expressions shared by the coordination questions; a query appends its own tail.
-- work: the pieces of work an organization is behind, with the basis of the link that makes them its work:
--   the deliverables it delivers, the outcomes those deliverables serve, and the outcomes its results frameworks define.
-- links: what that work reaches, by dimension (TARGET, GOAL, THEME, OUTCOME, COUNTERPART, REGION), through which piece
--   of work (via), and the basis and reason of the link that reaches it. A region is reached through a LOCATED_IN and
--   the ways up from its place (place_region, Migrations/0009_region_dimension.sql).
-- @agencies: a JSON array of organization ids, or NULL for every agency: the agencies are chosen before anything is
--   expanded, so a page of agencies reads only their work.
-- @limited: a JSON array of the ids of the work in a limit (WorkLimit: deliverables and outcomes by their own period
--   and place), or NULL for all work: the links as they would be if the graph held only that work, that is through a
--   limited deliverable, an outcome a limited deliverable serves, and a limited outcome of a framework an agency manages;
--   an agency's own themes belong to no piece of work and are left out.
-- work is MATERIALIZED: links reads it six times, and SQLite 3.53 (the bundled e_sqlite3) otherwise flattens it into
-- each of them, recomputing its three-way union six times (the partner overlaps took 3.5 times as long). links reads
-- from the work out (CROSS JOIN keeps that order): without statistics the planner otherwise reads every ALIGNS_WITH and
-- probes the work, which for a few agencies or a limit (@limited) reads the whole graph's alignments (11 s at 100,000
-- deliverables for the work of one year, against a fraction of a second from the work out).
WITH
work (agency, item, basis, reason) AS MATERIALIZED (
    SELECT src, dst, basis, reason FROM edge
     WHERE type = 'DELIVERS' AND (@agencies IS NULL OR src IN (SELECT value FROM json_each(@agencies)))
       AND (@limited IS NULL OR dst IN (SELECT value FROM json_each(@limited)))
    UNION ALL
    SELECT d.src, s.dst, s.basis, s.reason
      FROM edge d JOIN edge s ON s.src = d.dst AND s.type = 'SERVES'
     WHERE d.type = 'DELIVERS' AND (@agencies IS NULL OR d.src IN (SELECT value FROM json_each(@agencies)))
       AND (@limited IS NULL OR d.dst IN (SELECT value FROM json_each(@limited)))
    UNION ALL
    SELECT m.dst, f.src, f.basis, f.reason
      FROM edge m
      CROSS JOIN edge f INDEXED BY edge_by_dst ON f.dst = m.src AND f.type = 'IN_FRAMEWORK'
      CROSS JOIN node o ON o.id = f.src AND o.label = 'Outcome'
     WHERE m.type = 'MANAGED_BY' AND (@agencies IS NULL OR m.dst IN (SELECT value FROM json_each(@agencies)))
       AND (@limited IS NULL OR f.src IN (SELECT value FROM json_each(@limited)))
),
-- The ways up from a place to a region, read once: joined as the view, SQLite reads every place and PART_OF again for
-- each LOCATED_IN.
regions (place, region) AS MATERIALIZED (SELECT place, region FROM place_region),
links (agency, dimension, item, via, basis, reason) AS (
    SELECT w.agency, CASE t.label WHEN 'SdgTarget' THEN 'TARGET' ELSE 'GOAL' END, a.dst, w.item, a.basis, a.reason
      FROM work w
      CROSS JOIN edge a ON a.src = w.item AND a.type = 'ALIGNS_WITH'
      JOIN node t ON t.id = a.dst
    UNION ALL
    SELECT w.agency, 'GOAL', g.src, w.item, a.basis, a.reason
      FROM work w
      CROSS JOIN edge a ON a.src = w.item AND a.type = 'ALIGNS_WITH'
      CROSS JOIN edge g INDEXED BY edge_by_dst ON g.dst = a.dst AND g.type = 'HAS_TARGET'
    UNION ALL
    SELECT w.agency, 'THEME', h.dst, w.item, h.basis, h.reason
      FROM work w CROSS JOIN edge h ON h.src = w.item AND h.type = 'HAS_THEME'
    UNION ALL
    SELECT h.src, 'THEME', h.dst, h.src, h.basis, h.reason
      FROM edge h JOIN node o ON o.id = h.src AND o.label = 'Organization'
     WHERE h.type = 'HAS_THEME' AND (@agencies IS NULL OR h.src IN (SELECT value FROM json_each(@agencies))) AND @limited IS NULL
    UNION ALL
    SELECT w.agency, 'OUTCOME', w.item, w.item, w.basis, w.reason
      FROM work w CROSS JOIN node o ON o.id = w.item AND o.label = 'Outcome'
    UNION ALL
    SELECT w.agency, 'COUNTERPART', s.dst, w.item, s.basis, s.reason
      FROM work w CROSS JOIN edge s ON s.src = w.item AND s.type = 'SUPPORTS'
    UNION ALL
    SELECT w.agency, 'REGION', pr.region, w.item, l.basis, l.reason
      FROM work w CROSS JOIN edge l ON l.src = w.item AND l.type = 'LOCATED_IN' JOIN regions pr ON pr.place = l.dst
)
