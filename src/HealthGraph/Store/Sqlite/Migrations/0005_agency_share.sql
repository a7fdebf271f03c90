-- Schema version 5: how much each agency shares with the others, per dimension and basis, kept exact on every write
-- by triggers on agency_item (0003_agency_items.sql), so the overlap matrix ranks its agencies by index instead of
-- reading every agency's items on each request.
-- agency_share.score: for one agency, dimension and basis ('ANY', 'STATED' or 'INFERRED'), the sum over the agency's
-- items of that basis of how many other agencies have the same item with that basis; that is, the sum of its
-- sharedCount over all pairs it is in. An agency_item row has an item with a basis when its count of that basis is
-- above 0 ('ANY': either count). A row exists exactly when its score is above 0.
-- The store fills it after this migration and after a load into an empty store (Sql/agency_share_fill.sql).

CREATE TABLE agency_share (
    dimension TEXT NOT NULL,
    basis     TEXT NOT NULL CHECK (basis IN ('ANY', 'STATED', 'INFERRED')),
    agency    TEXT NOT NULL,
    score     INTEGER NOT NULL,
    PRIMARY KEY (dimension, basis, agency)
) STRICT, WITHOUT ROWID;

-- The biggest sharers of a dimension and basis first.
CREATE INDEX agency_share_by_score ON agency_share (dimension, basis, score DESC, agency);

-- The UN agencies, which the matrix lists first, without reading every organization's properties.
CREATE INDEX node_organization_kind ON node (props ->> 'kind', id) WHERE label = 'Organization';

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
       AND CASE new.basis WHEN 'STATED' THEN b.stated > 0 WHEN 'INFERRED' THEN b.inferred > 0 ELSE b.stated + b.inferred > 0 END;
    INSERT INTO agency_share_delta (dimension, basis, agency, score)
    SELECT new.dimension, new.basis, new.agency, new.sign * count(*)
      FROM agency_item b INDEXED BY agency_item_by_item
     WHERE b.dimension = new.dimension AND b.item = new.item AND b.agency <> new.agency
       AND CASE new.basis WHEN 'STATED' THEN b.stated > 0 WHEN 'INFERRED' THEN b.inferred > 0 ELSE b.stated + b.inferred > 0 END
    HAVING count(*) > 0;
END;

-- agency_item's rows are inserted with both counts 0, then counted up (0003's agency_item_delta_apply), and deleted at
-- 0: the updates are where an agency starts or stops having an item. The insert and delete triggers make the
-- aggregate exact for any other write too.
CREATE TRIGGER agency_items_share_update AFTER UPDATE OF stated, inferred ON agency_item BEGIN
    INSERT INTO agency_share_flip VALUES
        (new.dimension, new.item, new.agency, 'ANY', (new.stated + new.inferred > 0) - (old.stated + old.inferred > 0)),
        (new.dimension, new.item, new.agency, 'STATED', (new.stated > 0) - (old.stated > 0)),
        (new.dimension, new.item, new.agency, 'INFERRED', (new.inferred > 0) - (old.inferred > 0));
END;

CREATE TRIGGER agency_items_share_insert AFTER INSERT ON agency_item BEGIN
    INSERT INTO agency_share_flip VALUES
        (new.dimension, new.item, new.agency, 'ANY', new.stated + new.inferred > 0),
        (new.dimension, new.item, new.agency, 'STATED', new.stated > 0),
        (new.dimension, new.item, new.agency, 'INFERRED', new.inferred > 0);
END;

CREATE TRIGGER agency_items_share_delete AFTER DELETE ON agency_item BEGIN
    INSERT INTO agency_share_flip VALUES
        (old.dimension, old.item, old.agency, 'ANY', -(old.stated + old.inferred > 0)),
        (old.dimension, old.item, old.agency, 'STATED', -(old.stated > 0)),
        (old.dimension, old.item, old.agency, 'INFERRED', -(old.inferred > 0));
END;
