-- Schema version 7: a third basis, DERIVED (a link the software computes from a code the source states: an IATI
-- activity's SDG indicator placed under its target by the official framework), kept apart from STATED and INFERRED
-- everywhere: an edge may be DERIVED only as an SDG alignment (ALIGNS_WITH; a node never), and every aggregate counts
-- derived links in a column of their own.
--
-- This is the one definition of the aggregates that the coordination questions read: it drops what versions 3 to 5
-- created (those migrations now create nothing) and creates it again with the derived counts; the store fills the
-- tables after this migration (Sql/agency_items_fill.sql, coverage_fill.sql, agency_share_fill.sql) and after a load
-- into an empty store (AggregateRows).

-- The edge's basis CHECK of a file made before this version, widened in place as SQLite documents for loosening a
-- constraint (sqlite.org/lang_altertable.html, "making other kinds of table schema changes"): every stored row already
-- meets the wider rule, so the table is not rebuilt. The result is the text 0001_property_graph.sql now creates a new
-- file with (for which this changes nothing). The store then sets a new schema_version (SqliteGraphStore.MigrateAsync),
-- so that every connection reads it.
PRAGMA writable_schema = ON;
UPDATE sqlite_schema
   SET sql = replace(sql, 'basis      TEXT NOT NULL CHECK (basis IN (''STATED'', ''INFERRED'')),',
                          'basis      TEXT NOT NULL CHECK (basis IN (''STATED'', ''INFERRED'') OR (basis = ''DERIVED'' AND type = ''ALIGNS_WITH'')),')
 WHERE type = 'table' AND name = 'edge';
PRAGMA writable_schema = OFF;

DROP TRIGGER IF EXISTS agency_item_delta_apply;
DROP TRIGGER IF EXISTS agency_work_delta_apply;
DROP TRIGGER IF EXISTS edge_delta_apply;
DROP TRIGGER IF EXISTS agency_items_edge_insert;
DROP TRIGGER IF EXISTS agency_items_edge_delete;
DROP TRIGGER IF EXISTS agency_items_edge_basis;
DROP TRIGGER IF EXISTS agency_items_edge_key;
DROP TRIGGER IF EXISTS agency_items_node_label;
DROP TRIGGER IF EXISTS coverage_count_delta_apply;
DROP TRIGGER IF EXISTS coverage_agency_delta_apply;
DROP TRIGGER IF EXISTS coverage_item_delta_apply;
DROP TRIGGER IF EXISTS coverage_key_delta_apply;
DROP TRIGGER IF EXISTS coverage_link_delta_apply;
DROP TRIGGER IF EXISTS coverage_edge_delta_apply;
DROP TRIGGER IF EXISTS agency_items_coverage_work_insert;
DROP TRIGGER IF EXISTS agency_items_coverage_work_delete;
DROP TRIGGER IF EXISTS agency_share_delta_apply;
DROP TRIGGER IF EXISTS agency_share_flip_apply;
DROP TRIGGER IF EXISTS agency_items_share_update;
DROP TRIGGER IF EXISTS agency_items_share_insert;
DROP TRIGGER IF EXISTS agency_items_share_delete;
DROP VIEW IF EXISTS agency_work_delta;
DROP VIEW IF EXISTS agency_item_delta;
DROP VIEW IF EXISTS edge_delta;
DROP VIEW IF EXISTS coverage_link_delta;
DROP VIEW IF EXISTS coverage_agency_delta;
DROP VIEW IF EXISTS coverage_item_delta;
DROP VIEW IF EXISTS coverage_count_delta;
DROP VIEW IF EXISTS coverage_key_delta;
DROP VIEW IF EXISTS agency_share_delta;
DROP VIEW IF EXISTS agency_share_flip;
DROP INDEX IF EXISTS agency_item_by_item;
DROP INDEX IF EXISTS agency_share_by_score;
DROP TABLE IF EXISTS agency_work;
DROP TABLE IF EXISTS agency_item;
DROP TABLE IF EXISTS coverage_link;
DROP TABLE IF EXISTS coverage_agency;
DROP TABLE IF EXISTS coverage_item;
DROP TABLE IF EXISTS coverage_count;
DROP TABLE IF EXISTS agency_share;

-- The partner-overlap aggregate, kept exact on every write by triggers (Sql/agency_links.sql defines it).
-- agency_work: how many `work` rows of agency_links.sql each (item, agency) has, by the basis of the link that makes it
-- work. agency_item: how many `links` rows each (agency, dimension, item) has, by the basis of the link that reaches
-- the item. A row is deleted when both counts reach 0, so a row exists exactly when agency_links.sql would list the
-- key. The overlap questions read agency_item by index instead of recomputing every agency's links per request.
-- The store fills both tables after this migration and after a load into an empty store (Sql/agency_items_fill.sql).

CREATE TABLE agency_work (
    item     TEXT NOT NULL,
    agency   TEXT NOT NULL,
    stated   INTEGER NOT NULL,
    inferred INTEGER NOT NULL,
    PRIMARY KEY (item, agency)
) STRICT, WITHOUT ROWID;

CREATE TABLE agency_item (
    agency    TEXT NOT NULL,
    dimension TEXT NOT NULL,
    item      TEXT NOT NULL,
    stated    INTEGER NOT NULL,
    inferred  INTEGER NOT NULL,
    derived   INTEGER NOT NULL,
    PRIMARY KEY (agency, dimension, item)
) STRICT, WITHOUT ROWID;

-- Who else has an item (potential partners, the matrix's ranking).
CREATE INDEX agency_item_by_item ON agency_item (dimension, item, agency);

-- Deltas are written by inserting into these views; their INSTEAD OF triggers add them to the counts (one place each).
CREATE VIEW agency_work_delta (item, agency, stated, inferred) AS SELECT item, agency, stated, inferred FROM agency_work;
CREATE VIEW agency_item_delta (agency, dimension, item, stated, inferred, derived) AS SELECT agency, dimension, item, stated, inferred, derived FROM agency_item;

-- The relationship deltas: one row per inserted (sign 1) or deleted (sign -1) relationship.
CREATE VIEW edge_delta (src, type, dst, basis, sign) AS SELECT src, type, dst, basis, 1 FROM edge;

CREATE TRIGGER agency_item_delta_apply INSTEAD OF INSERT ON agency_item_delta BEGIN
    INSERT OR IGNORE INTO agency_item (agency, dimension, item, stated, inferred, derived) VALUES (new.agency, new.dimension, new.item, 0, 0, 0);
    UPDATE agency_item SET stated = stated + new.stated, inferred = inferred + new.inferred, derived = derived + new.derived
     WHERE agency = new.agency AND dimension = new.dimension AND item = new.item;
    DELETE FROM agency_item
     WHERE agency = new.agency AND dimension = new.dimension AND item = new.item AND stated = 0 AND inferred = 0 AND derived = 0;
END;

CREATE TRIGGER agency_work_delta_apply INSTEAD OF INSERT ON agency_work_delta BEGIN
    INSERT OR IGNORE INTO agency_work (item, agency, stated, inferred) VALUES (new.item, new.agency, 0, 0);
    -- The links this work reaches, as many times as the work row counts (links.basis is the reaching link's basis,
    -- except for the OUTCOME dimension, where the item itself is reached by the work link).
    INSERT INTO agency_item_delta (agency, dimension, item, stated, inferred, derived)
    SELECT new.agency, CASE t.label WHEN 'SdgTarget' THEN 'TARGET' ELSE 'GOAL' END, a.dst,
           iif(a.basis = 'STATED', new.stated + new.inferred, 0), iif(a.basis = 'INFERRED', new.stated + new.inferred, 0),
           iif(a.basis = 'DERIVED', new.stated + new.inferred, 0)
      FROM edge a JOIN node t ON t.id = a.dst
     WHERE a.src = new.item AND a.type = 'ALIGNS_WITH'
    UNION ALL
    SELECT new.agency, 'GOAL', g.src,
           iif(a.basis = 'STATED', new.stated + new.inferred, 0), iif(a.basis = 'INFERRED', new.stated + new.inferred, 0),
           iif(a.basis = 'DERIVED', new.stated + new.inferred, 0)
      FROM edge a JOIN edge g INDEXED BY edge_by_dst ON g.dst = a.dst AND g.type = 'HAS_TARGET'
     WHERE a.src = new.item AND a.type = 'ALIGNS_WITH'
    UNION ALL
    SELECT new.agency, 'THEME', h.dst,
           iif(h.basis = 'STATED', new.stated + new.inferred, 0), iif(h.basis = 'INFERRED', new.stated + new.inferred, 0),
           iif(h.basis = 'DERIVED', new.stated + new.inferred, 0)
      FROM edge h
     WHERE h.src = new.item AND h.type = 'HAS_THEME'
    UNION ALL
    SELECT new.agency, 'OUTCOME', o.id, new.stated, new.inferred, 0
      FROM node o
     WHERE o.id = new.item AND o.label = 'Outcome'
    UNION ALL
    SELECT new.agency, 'COUNTERPART', s.dst,
           iif(s.basis = 'STATED', new.stated + new.inferred, 0), iif(s.basis = 'INFERRED', new.stated + new.inferred, 0),
           iif(s.basis = 'DERIVED', new.stated + new.inferred, 0)
      FROM edge s
     WHERE s.src = new.item AND s.type = 'SUPPORTS';
    UPDATE agency_work SET stated = stated + new.stated, inferred = inferred + new.inferred
     WHERE item = new.item AND agency = new.agency;
    DELETE FROM agency_work WHERE item = new.item AND agency = new.agency AND stated = 0 AND inferred = 0;
END;

-- One relationship more (sign 1) or less (sign -1). Every join is with relationships of other types than the changed
-- one, so the delta is the changed relationship joined with the rest of the graph as it is.
CREATE TRIGGER edge_delta_apply INSTEAD OF INSERT ON edge_delta BEGIN
    -- work: DELIVERS (agency -> deliverable) and SERVES (deliverable -> outcome), MANAGED_BY and IN_FRAMEWORK.
    INSERT INTO agency_work_delta (item, agency, stated, inferred)
    SELECT new.dst, new.src, iif(new.basis = 'STATED', new.sign, 0), iif(new.basis = 'INFERRED', new.sign, 0)
     WHERE new.type = 'DELIVERS'
    UNION ALL
    SELECT s.dst, new.src, iif(s.basis = 'STATED', new.sign, 0), iif(s.basis = 'INFERRED', new.sign, 0)
      FROM edge s
     WHERE new.type = 'DELIVERS' AND s.src = new.dst AND s.type = 'SERVES'
    UNION ALL
    SELECT new.dst, d.src, iif(new.basis = 'STATED', new.sign, 0), iif(new.basis = 'INFERRED', new.sign, 0)
      FROM edge d INDEXED BY edge_by_dst
     WHERE new.type = 'SERVES' AND d.dst = new.src AND d.type = 'DELIVERS'
    UNION ALL
    SELECT f.src, new.dst, iif(f.basis = 'STATED', new.sign, 0), iif(f.basis = 'INFERRED', new.sign, 0)
      FROM edge f INDEXED BY edge_by_dst JOIN node o ON o.id = f.src AND o.label = 'Outcome'
     WHERE new.type = 'MANAGED_BY' AND f.dst = new.src AND f.type = 'IN_FRAMEWORK'
    UNION ALL
    SELECT new.src, m.dst, iif(new.basis = 'STATED', new.sign, 0), iif(new.basis = 'INFERRED', new.sign, 0)
      FROM edge m JOIN node o ON o.id = new.src AND o.label = 'Outcome'
     WHERE new.type = 'IN_FRAMEWORK' AND m.src = new.dst AND m.type = 'MANAGED_BY';

    -- links: ALIGNS_WITH and HAS_TARGET, HAS_THEME and SUPPORTS, for every agency whose work the item is.
    INSERT INTO agency_item_delta (agency, dimension, item, stated, inferred, derived)
    SELECT w.agency, CASE t.label WHEN 'SdgTarget' THEN 'TARGET' ELSE 'GOAL' END, new.dst,
           iif(new.basis = 'STATED', new.sign * (w.stated + w.inferred), 0), iif(new.basis = 'INFERRED', new.sign * (w.stated + w.inferred), 0),
           iif(new.basis = 'DERIVED', new.sign * (w.stated + w.inferred), 0)
      FROM agency_work w JOIN node t ON t.id = new.dst
     WHERE new.type = 'ALIGNS_WITH' AND w.item = new.src
    UNION ALL
    SELECT w.agency, 'GOAL', g.src,
           iif(new.basis = 'STATED', new.sign * (w.stated + w.inferred), 0), iif(new.basis = 'INFERRED', new.sign * (w.stated + w.inferred), 0),
           iif(new.basis = 'DERIVED', new.sign * (w.stated + w.inferred), 0)
      FROM agency_work w JOIN edge g INDEXED BY edge_by_dst ON g.dst = new.dst AND g.type = 'HAS_TARGET'
     WHERE new.type = 'ALIGNS_WITH' AND w.item = new.src
    UNION ALL
    SELECT w.agency, 'GOAL', new.src,
           iif(a.basis = 'STATED', new.sign * (w.stated + w.inferred), 0), iif(a.basis = 'INFERRED', new.sign * (w.stated + w.inferred), 0),
           iif(a.basis = 'DERIVED', new.sign * (w.stated + w.inferred), 0)
      FROM edge a INDEXED BY edge_by_dst JOIN agency_work w ON w.item = a.src
     WHERE new.type = 'HAS_TARGET' AND a.dst = new.dst AND a.type = 'ALIGNS_WITH'
    UNION ALL
    SELECT w.agency, 'THEME', new.dst,
           iif(new.basis = 'STATED', new.sign * (w.stated + w.inferred), 0), iif(new.basis = 'INFERRED', new.sign * (w.stated + w.inferred), 0),
           iif(new.basis = 'DERIVED', new.sign * (w.stated + w.inferred), 0)
      FROM agency_work w
     WHERE new.type = 'HAS_THEME' AND w.item = new.src
    UNION ALL
    SELECT o.id, 'THEME', new.dst, iif(new.basis = 'STATED', new.sign, 0), iif(new.basis = 'INFERRED', new.sign, 0), iif(new.basis = 'DERIVED', new.sign, 0)
      FROM node o
     WHERE new.type = 'HAS_THEME' AND o.id = new.src AND o.label = 'Organization'
    UNION ALL
    SELECT w.agency, 'COUNTERPART', new.dst,
           iif(new.basis = 'STATED', new.sign * (w.stated + w.inferred), 0), iif(new.basis = 'INFERRED', new.sign * (w.stated + w.inferred), 0),
           iif(new.basis = 'DERIVED', new.sign * (w.stated + w.inferred), 0)
      FROM agency_work w
     WHERE new.type = 'SUPPORTS' AND w.item = new.src;
END;

CREATE TRIGGER agency_items_edge_insert AFTER INSERT ON edge BEGIN
    INSERT INTO edge_delta VALUES (new.src, new.type, new.dst, new.basis, 1);
END;

CREATE TRIGGER agency_items_edge_delete AFTER DELETE ON edge BEGIN
    INSERT INTO edge_delta VALUES (old.src, old.type, old.dst, old.basis, -1);
END;

CREATE TRIGGER agency_items_edge_basis AFTER UPDATE OF basis ON edge WHEN old.basis IS NOT new.basis BEGIN
    INSERT INTO edge_delta VALUES (old.src, old.type, old.dst, old.basis, -1);
    INSERT INTO edge_delta VALUES (new.src, new.type, new.dst, new.basis, 1);
END;

-- A relationship's ends and type are its key; the store never changes them (it deletes and inserts instead).
CREATE TRIGGER agency_items_edge_key BEFORE UPDATE OF src, type, dst ON edge
WHEN old.src IS NOT new.src OR old.type IS NOT new.type OR old.dst IS NOT new.dst BEGIN
    SELECT RAISE(ABORT, 'HealthGraph: a relationship''s ends and type cannot change; remove it and add the new one.');
END;

-- A node's label gives its relationships their meaning (an outcome's framework, a target's goal, an organization's
-- themes); it cannot change while the node has relationships.
CREATE TRIGGER agency_items_node_label BEFORE UPDATE OF label ON node
WHEN old.label IS NOT new.label
 AND (EXISTS (SELECT 1 FROM edge WHERE src = old.id) OR EXISTS (SELECT 1 FROM edge INDEXED BY edge_by_dst WHERE dst = old.id)) BEGIN
    SELECT RAISE(ABORT, 'HealthGraph: a node''s label cannot change while it has relationships.');
END;

-- The goal-coverage aggregate, kept exact on every write by triggers (Sql/sdg_work.sql defines it,
-- for one SDG node at a time). The coverage questions read it by index instead of recomputing a goal's work per
-- request. The store fills it after this migration and after a load into an empty store (Sql/coverage_fill.sql).
--
-- coverage_link: every way a piece of work reaches an SDG node for an agency (sdg_work.sql's `reached` rows, one per
--   alignment behind them): via = 0 when the item itself is aligned with the node and is the agency's work
-- (agency_work),
--   via = 1 when the item is a deliverable the agency delivers that serves the aligned item `aligned`. basis is the
--   alignment's basis; its reason is read from the alignment when the link is listed, so a new reason changes nothing
-- here. coverage_agency: per node and agency, how many items have a link of each basis (stated, inferred, derived) and
-- of any (total). coverage_item: per node and item, how many agencies have a link of each basis and of any.
-- coverage_count: per node and item label, how many items have a link of each basis and of any.
-- A counted row is deleted when its total reaches 0, so a row exists exactly when sdg_work.sql would count the key.

CREATE TABLE coverage_link (
    sdg     TEXT NOT NULL,
    agency  TEXT NOT NULL,
    item    TEXT NOT NULL,
    via     INTEGER NOT NULL,
    aligned TEXT NOT NULL,
    basis   TEXT NOT NULL,
    PRIMARY KEY (sdg, agency, item, via, aligned)
) STRICT, WITHOUT ROWID;

CREATE TABLE coverage_agency (
    sdg      TEXT NOT NULL,
    agency   TEXT NOT NULL,
    stated   INTEGER NOT NULL,
    inferred INTEGER NOT NULL,
    derived  INTEGER NOT NULL,
    total    INTEGER NOT NULL,
    PRIMARY KEY (sdg, agency)
) STRICT, WITHOUT ROWID;

CREATE TABLE coverage_item (
    sdg      TEXT NOT NULL,
    label    TEXT NOT NULL,
    item     TEXT NOT NULL,
    stated   INTEGER NOT NULL,
    inferred INTEGER NOT NULL,
    derived  INTEGER NOT NULL,
    total    INTEGER NOT NULL,
    PRIMARY KEY (sdg, label, item)
) STRICT, WITHOUT ROWID;

CREATE TABLE coverage_count (
    sdg      TEXT NOT NULL,
    label    TEXT NOT NULL,
    stated   INTEGER NOT NULL,
    inferred INTEGER NOT NULL,
    derived  INTEGER NOT NULL,
    total    INTEGER NOT NULL,
    PRIMARY KEY (sdg, label)
) STRICT, WITHOUT ROWID;

-- Deltas are written by inserting into these views; their INSTEAD OF triggers apply them (one place each).
CREATE VIEW coverage_link_delta (sdg, agency, item, via, aligned, basis, sign) AS
SELECT sdg, agency, item, via, aligned, basis, 1 FROM coverage_link;
CREATE VIEW coverage_agency_delta (sdg, agency, stated, inferred, derived, total) AS
SELECT sdg, agency, stated, inferred, derived, total FROM coverage_agency;
CREATE VIEW coverage_item_delta (sdg, label, item, stated, inferred, derived, total) AS
SELECT sdg, label, item, stated, inferred, derived, total FROM coverage_item;
CREATE VIEW coverage_count_delta (sdg, label, stated, inferred, derived, total) AS
SELECT sdg, label, stated, inferred, derived, total FROM coverage_count;

CREATE TRIGGER coverage_count_delta_apply INSTEAD OF INSERT ON coverage_count_delta BEGIN
    INSERT OR IGNORE INTO coverage_count (sdg, label, stated, inferred, derived, total) VALUES (new.sdg, new.label, 0, 0, 0, 0);
    UPDATE coverage_count SET stated = stated + new.stated, inferred = inferred + new.inferred, derived = derived + new.derived, total = total + new.total
     WHERE sdg = new.sdg AND label = new.label;
    DELETE FROM coverage_count WHERE sdg = new.sdg AND label = new.label AND total = 0;
END;

CREATE TRIGGER coverage_agency_delta_apply INSTEAD OF INSERT ON coverage_agency_delta BEGIN
    INSERT OR IGNORE INTO coverage_agency (sdg, agency, stated, inferred, derived, total) VALUES (new.sdg, new.agency, 0, 0, 0, 0);
    UPDATE coverage_agency SET stated = stated + new.stated, inferred = inferred + new.inferred, derived = derived + new.derived, total = total + new.total
     WHERE sdg = new.sdg AND agency = new.agency;
    DELETE FROM coverage_agency WHERE sdg = new.sdg AND agency = new.agency AND total = 0;
END;

CREATE TRIGGER coverage_item_delta_apply INSTEAD OF INSERT ON coverage_item_delta BEGIN
    INSERT OR IGNORE INTO coverage_item (sdg, label, item, stated, inferred, derived, total) VALUES (new.sdg, new.label, new.item, 0, 0, 0, 0);
    -- The item's label counts it when its first agency of a basis (or at all) comes, and not after its last goes.
    INSERT INTO coverage_count_delta (sdg, label, stated, inferred, derived, total)
    SELECT new.sdg, new.label, s, i, d, t FROM (
        SELECT (stated + new.stated > 0) - (stated > 0) AS s, (inferred + new.inferred > 0) - (inferred > 0) AS i,
               (derived + new.derived > 0) - (derived > 0) AS d, (total + new.total > 0) - (total > 0) AS t
          FROM coverage_item
         WHERE sdg = new.sdg AND label = new.label AND item = new.item)
     WHERE s <> 0 OR i <> 0 OR d <> 0 OR t <> 0;
    UPDATE coverage_item SET stated = stated + new.stated, inferred = inferred + new.inferred, derived = derived + new.derived, total = total + new.total
     WHERE sdg = new.sdg AND label = new.label AND item = new.item;
    DELETE FROM coverage_item WHERE sdg = new.sdg AND label = new.label AND item = new.item AND total = 0;
END;

-- A (node, agency, item) key's first link of a basis (or its first at all) or its last one: it counts for its agency
-- and for its item (under the item's label, which cannot change while the item has relationships).
CREATE VIEW coverage_key_delta (sdg, agency, item, stated, inferred, derived, total) AS
SELECT sdg, agency, item, 0, 0, 0, 0 FROM coverage_link;

CREATE TRIGGER coverage_key_delta_apply INSTEAD OF INSERT ON coverage_key_delta BEGIN
    INSERT INTO coverage_agency_delta (sdg, agency, stated, inferred, derived, total)
    VALUES (new.sdg, new.agency, new.stated, new.inferred, new.derived, new.total);
    INSERT INTO coverage_item_delta (sdg, label, item, stated, inferred, derived, total)
    SELECT new.sdg, n.label, new.item, new.stated, new.inferred, new.derived, new.total FROM node n WHERE n.id = new.item;
END;

-- One link more (sign 1) or less (sign -1). Its key changes counts only when no other link of the key has its basis.
CREATE TRIGGER coverage_link_delta_apply INSTEAD OF INSERT ON coverage_link_delta BEGIN
    INSERT INTO coverage_key_delta (sdg, agency, item, stated, inferred, derived, total)
    SELECT new.sdg, new.agency, new.item, iif(new.basis = 'STATED', new.sign, 0), iif(new.basis = 'INFERRED', new.sign, 0),
           iif(new.basis = 'DERIVED', new.sign, 0), iif(other, 0, new.sign)
      FROM (SELECT EXISTS (SELECT 1 FROM coverage_link
                            WHERE sdg = new.sdg AND agency = new.agency AND item = new.item AND basis = new.basis
                              AND NOT (via = new.via AND aligned = new.aligned)) AS same,
                   EXISTS (SELECT 1 FROM coverage_link
                            WHERE sdg = new.sdg AND agency = new.agency AND item = new.item
                              AND NOT (via = new.via AND aligned = new.aligned)) AS other)
     WHERE NOT same;
    INSERT INTO coverage_link (sdg, agency, item, via, aligned, basis)
    SELECT new.sdg, new.agency, new.item, new.via, new.aligned, new.basis WHERE new.sign = 1;
    DELETE FROM coverage_link
     WHERE new.sign = -1 AND sdg = new.sdg AND agency = new.agency AND item = new.item AND via = new.via AND aligned = new.aligned;
END;

-- The links a relationship change makes or ends (the same rows as Sql/coverage_fill.sql's). Every join is with
-- relationships of other types than the changed one, or with agency_work, which ALIGNS_WITH does not change. CROSS JOIN
-- keeps the join order that starts at the changed relationship's ends (without it the planner may scan a whole type).
CREATE TRIGGER coverage_edge_delta_apply INSTEAD OF INSERT ON edge_delta BEGIN
    INSERT INTO coverage_link_delta (sdg, agency, item, via, aligned, basis, sign)
    -- An alignment: the item for every agency whose work it is...
    SELECT new.dst, w.agency, new.src, 0, new.src, new.basis, new.sign
      FROM agency_work w
     WHERE new.type = 'ALIGNS_WITH' AND w.item = new.src
    UNION ALL
    -- ... and the delivered deliverables serving the item, for whoever delivers them.
    SELECT new.dst, d.src, s.src, 1, new.src, new.basis, new.sign
      FROM edge s INDEXED BY edge_by_dst CROSS JOIN edge d INDEXED BY edge_by_dst ON d.dst = s.src AND d.type = 'DELIVERS'
     WHERE new.type = 'ALIGNS_WITH' AND s.dst = new.src AND s.type = 'SERVES'
    UNION ALL
    SELECT a.dst, d.src, new.src, 1, new.dst, a.basis, new.sign
      FROM edge a CROSS JOIN edge d INDEXED BY edge_by_dst ON d.dst = new.src AND d.type = 'DELIVERS'
     WHERE new.type = 'SERVES' AND a.src = new.dst AND a.type = 'ALIGNS_WITH'
    UNION ALL
    SELECT a.dst, new.src, new.dst, 1, s.dst, a.basis, new.sign
      FROM edge s CROSS JOIN edge a ON a.src = s.dst AND a.type = 'ALIGNS_WITH'
     WHERE new.type = 'DELIVERS' AND s.src = new.dst AND s.type = 'SERVES';
END;

-- An item becomes (or stops being) an agency's work: its alignments reach their nodes for that agency. The store's
-- triggers insert an agency_work row when the first work link comes and delete it when the last one goes.
CREATE TRIGGER agency_items_coverage_work_insert AFTER INSERT ON agency_work BEGIN
    INSERT INTO coverage_link_delta (sdg, agency, item, via, aligned, basis, sign)
    SELECT a.dst, new.agency, new.item, 0, new.item, a.basis, 1 FROM edge a WHERE a.src = new.item AND a.type = 'ALIGNS_WITH';
END;

CREATE TRIGGER agency_items_coverage_work_delete AFTER DELETE ON agency_work BEGIN
    INSERT INTO coverage_link_delta (sdg, agency, item, via, aligned, basis, sign)
    SELECT a.dst, old.agency, old.item, 0, old.item, a.basis, -1 FROM edge a WHERE a.src = old.item AND a.type = 'ALIGNS_WITH';
END;

-- How much each agency shares with the others, per dimension and basis, kept exact on every write
-- by triggers on agency_item (above), so the overlap matrix ranks its agencies by index instead of
-- reading every agency's items on each request.
-- agency_share.score: for one agency, dimension and basis ('ANY', 'STATED', 'INFERRED' or 'DERIVED'), the sum over the
-- agency's items of that basis of how many other agencies have the same item with that basis; that is, the sum of its
-- sharedCount over all pairs it is in. An agency_item row has an item with a basis when its count of that basis is
-- above 0 ('ANY': either count). A row exists exactly when its score is above 0.
-- The store fills it after this migration and after a load into an empty store (Sql/agency_share_fill.sql).

CREATE TABLE agency_share (
    dimension TEXT NOT NULL,
    basis     TEXT NOT NULL CHECK (basis IN ('ANY', 'STATED', 'INFERRED', 'DERIVED')),
    agency    TEXT NOT NULL,
    score     INTEGER NOT NULL,
    PRIMARY KEY (dimension, basis, agency)
) STRICT, WITHOUT ROWID;

-- The biggest sharers of a dimension and basis first.
CREATE INDEX agency_share_by_score ON agency_share (dimension, basis, score DESC, agency);

CREATE VIEW agency_share_delta (dimension, basis, agency, score) AS SELECT dimension, basis, agency, score FROM agency_share;

CREATE TRIGGER agency_share_delta_apply INSTEAD OF INSERT ON agency_share_delta BEGIN
    INSERT OR IGNORE INTO agency_share (dimension, basis, agency, score) VALUES (new.dimension, new.basis, new.agency, 0);
    UPDATE agency_share SET score = score + new.score WHERE dimension = new.dimension AND basis = new.basis AND agency = new.agency;
    DELETE FROM agency_share WHERE dimension = new.dimension AND basis = new.basis AND agency = new.agency AND score = 0;
END;

-- One agency starts (sign 1) or stops (sign -1) having an item with a basis: every other agency that has it with that
-- basis shares one more (or one less), and the agency shares as many more (or fewer) as there are such agencies.
CREATE VIEW agency_share_flip (dimension, item, agency, basis, sign) AS SELECT NULL, NULL, NULL, NULL, NULL WHERE 0;

CREATE TRIGGER agency_share_flip_apply INSTEAD OF INSERT ON agency_share_flip WHEN new.sign <> 0 BEGIN
    INSERT INTO agency_share_delta (dimension, basis, agency, score)
    SELECT new.dimension, new.basis, b.agency, new.sign
      FROM agency_item b INDEXED BY agency_item_by_item
     WHERE b.dimension = new.dimension AND b.item = new.item AND b.agency <> new.agency
       AND CASE new.basis WHEN 'STATED' THEN b.stated > 0 WHEN 'INFERRED' THEN b.inferred > 0 WHEN 'DERIVED' THEN b.derived > 0
                          ELSE b.stated + b.inferred + b.derived > 0 END;
    INSERT INTO agency_share_delta (dimension, basis, agency, score)
    SELECT new.dimension, new.basis, new.agency, new.sign * count(*)
      FROM agency_item b INDEXED BY agency_item_by_item
     WHERE b.dimension = new.dimension AND b.item = new.item AND b.agency <> new.agency
       AND CASE new.basis WHEN 'STATED' THEN b.stated > 0 WHEN 'INFERRED' THEN b.inferred > 0 WHEN 'DERIVED' THEN b.derived > 0
                          ELSE b.stated + b.inferred + b.derived > 0 END
    HAVING count(*) > 0;
END;

-- agency_item's rows are inserted with every count 0, then counted up (0003's agency_item_delta_apply), and deleted at
-- 0: the updates are where an agency starts or stops having an item. The insert and delete triggers make the
-- aggregate exact for any other write too.
CREATE TRIGGER agency_items_share_update AFTER UPDATE OF stated, inferred, derived ON agency_item BEGIN
    INSERT INTO agency_share_flip VALUES
        (new.dimension, new.item, new.agency, 'ANY', (new.stated + new.inferred + new.derived > 0) - (old.stated + old.inferred + old.derived > 0)),
        (new.dimension, new.item, new.agency, 'STATED', (new.stated > 0) - (old.stated > 0)),
        (new.dimension, new.item, new.agency, 'INFERRED', (new.inferred > 0) - (old.inferred > 0)),
        (new.dimension, new.item, new.agency, 'DERIVED', (new.derived > 0) - (old.derived > 0));
END;

CREATE TRIGGER agency_items_share_insert AFTER INSERT ON agency_item BEGIN
    INSERT INTO agency_share_flip VALUES
        (new.dimension, new.item, new.agency, 'ANY', new.stated + new.inferred + new.derived > 0),
        (new.dimension, new.item, new.agency, 'STATED', new.stated > 0),
        (new.dimension, new.item, new.agency, 'INFERRED', new.inferred > 0),
        (new.dimension, new.item, new.agency, 'DERIVED', new.derived > 0);
END;

CREATE TRIGGER agency_items_share_delete AFTER DELETE ON agency_item BEGIN
    INSERT INTO agency_share_flip VALUES
        (old.dimension, old.item, old.agency, 'ANY', -(old.stated + old.inferred + old.derived > 0)),
        (old.dimension, old.item, old.agency, 'STATED', -(old.stated > 0)),
        (old.dimension, old.item, old.agency, 'INFERRED', -(old.inferred > 0)),
        (old.dimension, old.item, old.agency, 'DERIVED', -(old.derived > 0));
END;
