-- The work behind SDG goals and targets, from the SDG nodes out through indexes only (edge_by_dst for incoming
-- relationships, the primary key for outgoing ones, node_by_label for labels), so it costs what the asked nodes'
-- alignments cost, not what the whole graph's work costs. CROSS JOIN keeps that join order: without statistics the
-- planner otherwise scans a whole label or relationship type and probes the (much smaller) CTE through an
-- automatic index. The same work and agencies as agency_links.sql's `work` and `links`:
--   an item aligned with the node counts for every agency it is work of (whoever delivers it, delivers a deliverable
--   serving it, or manages the results framework that defines it, for an outcome); a delivered deliverable serving an
--   aligned item counts for whoever delivers it (via_outcome = 1).
-- One row per SDG node, agency and item: the strongest link wins (stated, then derived, then inferred; direct before
-- via an outcome, then the first reason), so the answer is the same on every run.
-- @sdgs: JSON array of goal and target ids; @withTargets: 1 when a goal also counts the work aligned with its targets;
-- @basis: 'STATED', 'INFERRED', 'DERIVED' or NULL; @limited: the work in a limit, as agency_links.sql's (a JSON array
-- of ids, or NULL for all work): an item counts for its deliverer or framework when it is in the limit, and for the
-- deliverer of a deliverable in the limit that serves it; @first: at most this many contributions, deliverables and
-- outcomes listed per node (NULL: all). Whatever @first is, the counts and agencies are exact.
-- Rows, by kind (unordered; the reader sorts the few listed ones): 'N' (sdg, what, count) with what 'Contribution',
-- 'Deliverable' or 'Outcome'; 'A' (sdg, agency); 'I' (sdg, item, label), the first deliverables and outcomes by id;
-- 'C' (sdg, item, label, name, agency, basis, reason, via_outcome), the first contributions by agency then item.
WITH
asked (sdg, aligned_to) AS (
    SELECT n.id, n.id
      FROM node n
     WHERE n.id IN (SELECT value FROM json_each(@sdgs)) AND n.label IN ('SdgGoal', 'SdgTarget')
    UNION ALL
    SELECT g.src, g.dst
      FROM edge g
     WHERE @withTargets AND g.src IN (SELECT value FROM json_each(@sdgs)) AND g.type = 'HAS_TARGET'
),
aligned (sdg, item, basis, reason) AS MATERIALIZED (
    SELECT q.sdg, a.src, a.basis, a.reason
      FROM asked q CROSS JOIN edge a INDEXED BY edge_by_dst ON a.dst = q.aligned_to AND a.type = 'ALIGNS_WITH'
     WHERE @basis IS NULL OR a.basis = @basis
),
-- The delivered deliverables serving an aligned item: they make the item their deliverer's work, and count
-- themselves, via the item, for the same deliverer.
served (sdg, item, basis, reason, deliverable, agency) AS MATERIALIZED (
    SELECT x.sdg, x.item, x.basis, x.reason, s.src, d.src
      FROM aligned x
      CROSS JOIN edge s INDEXED BY edge_by_dst ON s.dst = x.item AND s.type = 'SERVES'
      CROSS JOIN edge d INDEXED BY edge_by_dst ON d.dst = s.src AND d.type = 'DELIVERS'
     WHERE @limited IS NULL OR s.src IN (SELECT value FROM json_each(@limited))
),
reached (sdg, agency, item, basis, reason, via_outcome) AS (
    SELECT x.sdg, d.src, x.item, x.basis, x.reason, 0
      FROM aligned x CROSS JOIN edge d INDEXED BY edge_by_dst ON d.dst = x.item AND d.type = 'DELIVERS'
     WHERE @limited IS NULL OR x.item IN (SELECT value FROM json_each(@limited))
    UNION ALL
    SELECT x.sdg, m.dst, x.item, x.basis, x.reason, 0
      FROM aligned x
      CROSS JOIN edge f ON f.src = x.item AND f.type = 'IN_FRAMEWORK'
      CROSS JOIN node o INDEXED BY node_by_label ON o.label = 'Outcome' AND o.id = x.item
      CROSS JOIN edge m ON m.src = f.dst AND m.type = 'MANAGED_BY'
     WHERE @limited IS NULL OR x.item IN (SELECT value FROM json_each(@limited))
    UNION ALL
    SELECT sdg, agency, item, basis, reason, 0 FROM served
    UNION ALL
    SELECT sdg, agency, deliverable, basis, reason, 1 FROM served
),
-- min() picks the strongest link's row (SQLite takes the bare columns from the row with the minimum); NULL reasons
-- sort first, as in ORDER BY.
strongest (sdg, agency, item, strength, basis, reason, via_outcome) AS MATERIALIZED (
    SELECT sdg, agency, item,
           min(CASE basis WHEN 'STATED' THEN '0' WHEN 'DERIVED' THEN '1' ELSE '2' END || via_outcome || CASE WHEN reason IS NULL THEN '0' ELSE '1' || reason END),
           basis, reason, via_outcome
      FROM reached
     GROUP BY sdg, agency, item
),
items (sdg, item, label) AS MATERIALIZED (
    SELECT DISTINCT s.sdg, s.item, n.label
      FROM strongest s CROSS JOIN node n INDEXED BY node_by_label ON n.label IN ('Deliverable', 'Outcome') AND n.id = s.item
)
SELECT 'N', sdg, 'Contribution', count(*), NULL, NULL, NULL, NULL, NULL FROM strongest GROUP BY sdg
UNION ALL
SELECT 'N', sdg, label, count(*), NULL, NULL, NULL, NULL, NULL FROM items GROUP BY sdg, label
UNION ALL
SELECT DISTINCT 'A', sdg, agency, NULL, NULL, NULL, NULL, NULL, NULL FROM strongest
UNION ALL
SELECT 'I', sdg, item, label, NULL, NULL, NULL, NULL, NULL
  FROM (SELECT i.*, row_number() OVER (PARTITION BY sdg, label ORDER BY item) AS n FROM items i)
 WHERE @first IS NULL OR n <= @first
UNION ALL
SELECT 'C', r.sdg, r.item, n.label, n.name, r.agency, r.basis, r.reason, r.via_outcome
  FROM (SELECT s.*, row_number() OVER (PARTITION BY sdg ORDER BY agency, item) AS n FROM strongest s) r
  CROSS JOIN node n ON n.id = r.item
 WHERE @first IS NULL OR r.n <= @first
