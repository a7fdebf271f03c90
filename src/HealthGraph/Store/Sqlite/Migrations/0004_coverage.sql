-- Schema version 4: the goal-coverage aggregate, kept exact on every write by triggers (Sql/sdg_work.sql defines it,
-- for one SDG node at a time). The coverage questions read it by index instead of recomputing a goal's work per request.
-- The store fills it after this migration and after a load into an empty store (Sql/coverage_fill.sql).
--
-- coverage_link: every way a piece of work reaches an SDG node for an agency (sdg_work.sql's `reached` rows, one per
--   alignment behind them): via = 0 when the item itself is aligned with the node and is the agency's work (agency_work),
--   via = 1 when the item is a deliverable the agency delivers that serves the aligned item `aligned`. basis is the
--   alignment's basis; its reason is read from the alignment when the link is listed, so a new reason changes nothing here.
-- coverage_agency: per node and agency, how many items have a link of each basis (stated, inferred) and of either (total).
-- coverage_item: per node and item, how many agencies have a link of each basis and of either.
-- coverage_count: per node and item label, how many items have a link of each basis and of either.
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
    total    INTEGER NOT NULL,
    PRIMARY KEY (sdg, agency)
) STRICT, WITHOUT ROWID;

CREATE TABLE coverage_item (
    sdg      TEXT NOT NULL,
    label    TEXT NOT NULL,
    item     TEXT NOT NULL,
    stated   INTEGER NOT NULL,
    inferred INTEGER NOT NULL,
    total    INTEGER NOT NULL,
    PRIMARY KEY (sdg, label, item)
) STRICT, WITHOUT ROWID;

CREATE TABLE coverage_count (
    sdg      TEXT NOT NULL,
    label    TEXT NOT NULL,
    stated   INTEGER NOT NULL,
    inferred INTEGER NOT NULL,
    total    INTEGER NOT NULL,
    PRIMARY KEY (sdg, label)
) STRICT, WITHOUT ROWID;

-- Deltas are written by inserting into these views; their INSTEAD OF triggers apply them (one place each).
CREATE VIEW coverage_link_delta (sdg, agency, item, via, aligned, basis, sign) AS
SELECT sdg, agency, item, via, aligned, basis, 1 FROM coverage_link;
CREATE VIEW coverage_agency_delta (sdg, agency, stated, inferred, total) AS
SELECT sdg, agency, stated, inferred, total FROM coverage_agency;
CREATE VIEW coverage_item_delta (sdg, label, item, stated, inferred, total) AS
SELECT sdg, label, item, stated, inferred, total FROM coverage_item;
CREATE VIEW coverage_count_delta (sdg, label, stated, inferred, total) AS
SELECT sdg, label, stated, inferred, total FROM coverage_count;

CREATE TRIGGER coverage_count_delta_apply INSTEAD OF INSERT ON coverage_count_delta BEGIN
    INSERT OR IGNORE INTO coverage_count (sdg, label, stated, inferred, total) VALUES (new.sdg, new.label, 0, 0, 0);
    UPDATE coverage_count SET stated = stated + new.stated, inferred = inferred + new.inferred, total = total + new.total
     WHERE sdg = new.sdg AND label = new.label;
    DELETE FROM coverage_count WHERE sdg = new.sdg AND label = new.label AND total = 0;
END;

CREATE TRIGGER coverage_agency_delta_apply INSTEAD OF INSERT ON coverage_agency_delta BEGIN
    INSERT OR IGNORE INTO coverage_agency (sdg, agency, stated, inferred, total) VALUES (new.sdg, new.agency, 0, 0, 0);
    UPDATE coverage_agency SET stated = stated + new.stated, inferred = inferred + new.inferred, total = total + new.total
     WHERE sdg = new.sdg AND agency = new.agency;
    DELETE FROM coverage_agency WHERE sdg = new.sdg AND agency = new.agency AND total = 0;
END;

CREATE TRIGGER coverage_item_delta_apply INSTEAD OF INSERT ON coverage_item_delta BEGIN
    INSERT OR IGNORE INTO coverage_item (sdg, label, item, stated, inferred, total) VALUES (new.sdg, new.label, new.item, 0, 0, 0);
    -- The item's label counts it when its first agency of a basis (or at all) comes, and not after its last goes.
    INSERT INTO coverage_count_delta (sdg, label, stated, inferred, total)
    SELECT new.sdg, new.label, s, i, t FROM (
        SELECT (stated + new.stated > 0) - (stated > 0) AS s, (inferred + new.inferred > 0) - (inferred > 0) AS i,
               (total + new.total > 0) - (total > 0) AS t
          FROM coverage_item
         WHERE sdg = new.sdg AND label = new.label AND item = new.item)
     WHERE s <> 0 OR i <> 0 OR t <> 0;
    UPDATE coverage_item SET stated = stated + new.stated, inferred = inferred + new.inferred, total = total + new.total
     WHERE sdg = new.sdg AND label = new.label AND item = new.item;
    DELETE FROM coverage_item WHERE sdg = new.sdg AND label = new.label AND item = new.item AND total = 0;
END;

-- A (node, agency, item) key's first link of a basis (or its first at all) or its last one: it counts for its agency
-- and for its item (under the item's label, which cannot change while the item has relationships).
CREATE VIEW coverage_key_delta (sdg, agency, item, stated, inferred, total) AS
SELECT sdg, agency, item, 0, 0, 0 FROM coverage_link;

CREATE TRIGGER coverage_key_delta_apply INSTEAD OF INSERT ON coverage_key_delta BEGIN
    INSERT INTO coverage_agency_delta (sdg, agency, stated, inferred, total)
    VALUES (new.sdg, new.agency, new.stated, new.inferred, new.total);
    INSERT INTO coverage_item_delta (sdg, label, item, stated, inferred, total)
    SELECT new.sdg, n.label, new.item, new.stated, new.inferred, new.total FROM node n WHERE n.id = new.item;
END;

-- One link more (sign 1) or less (sign -1). Its key changes counts only when no other link of the key has its basis.
CREATE TRIGGER coverage_link_delta_apply INSTEAD OF INSERT ON coverage_link_delta BEGIN
    INSERT INTO coverage_key_delta (sdg, agency, item, stated, inferred, total)
    SELECT new.sdg, new.agency, new.item, iif(new.basis = 'STATED', new.sign, 0), iif(new.basis = 'INFERRED', new.sign, 0),
           iif(other, 0, new.sign)
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
