-- Schema version 3: the partner-overlap aggregate, kept exact on every write by triggers (Sql/agency_links.sql defines it).
-- agency_work: how many `work` rows of agency_links.sql each (item, agency) has, by the basis of the link that makes it work.
-- agency_item: how many `links` rows each (agency, dimension, item) has, by the basis of the link that reaches the item.
-- A row is deleted when both counts reach 0, so a row exists exactly when agency_links.sql would list the key.
-- The overlap questions read agency_item by index instead of recomputing every agency's links per request.
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
    PRIMARY KEY (agency, dimension, item)
) STRICT, WITHOUT ROWID;

-- Who else has an item (potential partners, the matrix's ranking).
CREATE INDEX agency_item_by_item ON agency_item (dimension, item, agency);

-- Deltas are written by inserting into these views; their INSTEAD OF triggers add them to the counts (one place each).
CREATE VIEW agency_work_delta (item, agency, stated, inferred) AS SELECT item, agency, stated, inferred FROM agency_work;
CREATE VIEW agency_item_delta (agency, dimension, item, stated, inferred) AS SELECT agency, dimension, item, stated, inferred FROM agency_item;

-- The relationship deltas: one row per inserted (sign 1) or deleted (sign -1) relationship.
CREATE VIEW edge_delta (src, type, dst, basis, sign) AS SELECT src, type, dst, basis, 1 FROM edge;

CREATE TRIGGER agency_item_delta_apply INSTEAD OF INSERT ON agency_item_delta BEGIN
    INSERT OR IGNORE INTO agency_item (agency, dimension, item, stated, inferred) VALUES (new.agency, new.dimension, new.item, 0, 0);
    UPDATE agency_item SET stated = stated + new.stated, inferred = inferred + new.inferred
     WHERE agency = new.agency AND dimension = new.dimension AND item = new.item;
    DELETE FROM agency_item
     WHERE agency = new.agency AND dimension = new.dimension AND item = new.item AND stated = 0 AND inferred = 0;
END;

CREATE TRIGGER agency_work_delta_apply INSTEAD OF INSERT ON agency_work_delta BEGIN
    INSERT OR IGNORE INTO agency_work (item, agency, stated, inferred) VALUES (new.item, new.agency, 0, 0);
    -- The links this work reaches, as many times as the work row counts (links.basis is the reaching link's basis,
    -- except for the OUTCOME dimension, where the item itself is reached by the work link).
    INSERT INTO agency_item_delta (agency, dimension, item, stated, inferred)
    SELECT new.agency, CASE t.label WHEN 'SdgTarget' THEN 'TARGET' ELSE 'GOAL' END, a.dst,
           iif(a.basis = 'STATED', new.stated + new.inferred, 0), iif(a.basis = 'INFERRED', new.stated + new.inferred, 0)
      FROM edge a JOIN node t ON t.id = a.dst
     WHERE a.src = new.item AND a.type = 'ALIGNS_WITH'
    UNION ALL
    SELECT new.agency, 'GOAL', g.src,
           iif(a.basis = 'STATED', new.stated + new.inferred, 0), iif(a.basis = 'INFERRED', new.stated + new.inferred, 0)
      FROM edge a JOIN edge g INDEXED BY edge_by_dst ON g.dst = a.dst AND g.type = 'HAS_TARGET'
     WHERE a.src = new.item AND a.type = 'ALIGNS_WITH'
    UNION ALL
    SELECT new.agency, 'THEME', h.dst,
           iif(h.basis = 'STATED', new.stated + new.inferred, 0), iif(h.basis = 'INFERRED', new.stated + new.inferred, 0)
      FROM edge h
     WHERE h.src = new.item AND h.type = 'HAS_THEME'
    UNION ALL
    SELECT new.agency, 'OUTCOME', o.id, new.stated, new.inferred
      FROM node o
     WHERE o.id = new.item AND o.label = 'Outcome'
    UNION ALL
    SELECT new.agency, 'COUNTERPART', s.dst,
           iif(s.basis = 'STATED', new.stated + new.inferred, 0), iif(s.basis = 'INFERRED', new.stated + new.inferred, 0)
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
    INSERT INTO agency_item_delta (agency, dimension, item, stated, inferred)
    SELECT w.agency, CASE t.label WHEN 'SdgTarget' THEN 'TARGET' ELSE 'GOAL' END, new.dst,
           iif(new.basis = 'STATED', new.sign * (w.stated + w.inferred), 0), iif(new.basis = 'INFERRED', new.sign * (w.stated + w.inferred), 0)
      FROM agency_work w JOIN node t ON t.id = new.dst
     WHERE new.type = 'ALIGNS_WITH' AND w.item = new.src
    UNION ALL
    SELECT w.agency, 'GOAL', g.src,
           iif(new.basis = 'STATED', new.sign * (w.stated + w.inferred), 0), iif(new.basis = 'INFERRED', new.sign * (w.stated + w.inferred), 0)
      FROM agency_work w JOIN edge g INDEXED BY edge_by_dst ON g.dst = new.dst AND g.type = 'HAS_TARGET'
     WHERE new.type = 'ALIGNS_WITH' AND w.item = new.src
    UNION ALL
    SELECT w.agency, 'GOAL', new.src,
           iif(a.basis = 'STATED', new.sign * (w.stated + w.inferred), 0), iif(a.basis = 'INFERRED', new.sign * (w.stated + w.inferred), 0)
      FROM edge a INDEXED BY edge_by_dst JOIN agency_work w ON w.item = a.src
     WHERE new.type = 'HAS_TARGET' AND a.dst = new.dst AND a.type = 'ALIGNS_WITH'
    UNION ALL
    SELECT w.agency, 'THEME', new.dst,
           iif(new.basis = 'STATED', new.sign * (w.stated + w.inferred), 0), iif(new.basis = 'INFERRED', new.sign * (w.stated + w.inferred), 0)
      FROM agency_work w
     WHERE new.type = 'HAS_THEME' AND w.item = new.src
    UNION ALL
    SELECT o.id, 'THEME', new.dst, iif(new.basis = 'STATED', new.sign, 0), iif(new.basis = 'INFERRED', new.sign, 0)
      FROM node o
     WHERE new.type = 'HAS_THEME' AND o.id = new.src AND o.label = 'Organization'
    UNION ALL
    SELECT w.agency, 'COUNTERPART', new.dst,
           iif(new.basis = 'STATED', new.sign * (w.stated + w.inferred), 0), iif(new.basis = 'INFERRED', new.sign * (w.stated + w.inferred), 0)
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
