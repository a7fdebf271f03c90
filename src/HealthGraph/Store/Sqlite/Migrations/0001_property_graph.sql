-- Schema version 1: the property graph as two tables, plus full-text search.
-- Every node and relationship carries its provenance (basis, source document, excerpt, reason) and who wrote it when.

CREATE TABLE node (
    id          TEXT NOT NULL PRIMARY KEY,
    label       TEXT NOT NULL,
    name        TEXT NOT NULL,
    props       TEXT NOT NULL CHECK (json_valid(props)),
    basis       TEXT NOT NULL CHECK (basis IN ('STATED', 'INFERRED')),
    source      TEXT,
    excerpt     TEXT,
    reason      TEXT,
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL,
    updated_by  TEXT NOT NULL,
    -- What full-text search reads besides the name: descriptions, sub-deliverables, aliases, codes, original labels.
    search_text TEXT GENERATED ALWAYS AS (concat_ws(' ',
        json_extract(props, '$.shortName'), json_extract(props, '$.code'), json_extract(props, '$.description'),
        json_extract(props, '$.items'), json_extract(props, '$.aliases'), json_extract(props, '$.originalLabel'))) VIRTUAL
) STRICT;

CREATE INDEX node_by_label ON node (label, id);
CREATE INDEX node_by_source ON node (source);

CREATE TABLE edge (
    src        TEXT NOT NULL REFERENCES node (id) ON DELETE CASCADE,
    type       TEXT NOT NULL,
    dst        TEXT NOT NULL REFERENCES node (id) ON DELETE CASCADE,
    props      TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(props)),
    basis      TEXT NOT NULL CHECK (basis IN ('STATED', 'INFERRED') OR (basis = 'DERIVED' AND type = 'ALIGNS_WITH')),
    source     TEXT,
    excerpt    TEXT,
    reason     TEXT,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    updated_by TEXT NOT NULL,
    PRIMARY KEY (src, type, dst)
) STRICT, WITHOUT ROWID;

CREATE INDEX edge_by_dst ON edge (dst, type, src);
CREATE INDEX edge_by_type ON edge (type, src);
CREATE INDEX edge_by_source ON edge (source);

-- Full-text index kept in step with node by triggers, so every writer (seed, API) keeps search current.
CREATE VIRTUAL TABLE node_fts USING fts5 (name, body, tokenize = 'unicode61 remove_diacritics 2');

CREATE TRIGGER node_fts_after_insert AFTER INSERT ON node BEGIN
    INSERT INTO node_fts (rowid, name, body) VALUES (new.rowid, new.name, new.search_text);
END;

CREATE TRIGGER node_fts_after_update AFTER UPDATE OF name, props ON node BEGIN
    UPDATE node_fts SET name = new.name, body = new.search_text WHERE rowid = new.rowid;
END;

CREATE TRIGGER node_fts_after_delete AFTER DELETE ON node BEGIN
    DELETE FROM node_fts WHERE rowid = old.rowid;
END;
