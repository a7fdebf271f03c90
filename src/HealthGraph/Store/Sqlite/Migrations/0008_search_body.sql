-- Schema version 8: what full-text search reads of a node besides its name is the text of each searched property
-- (shortName, code, description, originalLabel, and every element of items and aliases), as the Neo4j store indexes
-- it (Neo4jRows.SearchProperties, SearchText.SearchedProperties). Version 1's search_text column joined
-- json_extract(props, '$.items'), which is the list's JSON text: escapes became words (office's was "office", "u0027s",
-- so "u" found it), and an item or alias outside ASCII, stored escaped, could not be found by its own words.
--
-- node_search is the one definition of the body: the full-text triggers and the bulk load (SqliteGraphStore.BulkLoad)
-- read it. A generated column cannot hold it (it needs json_tree, a table-valued function, and generated columns allow
-- no subqueries). The old column stays, read by nothing (a VIRTUAL column costs nothing until read): SQLite cannot drop
-- it, because the comment before it in node's definition would swallow the table's closing parenthesis.

DROP TRIGGER IF EXISTS node_fts_after_insert;
DROP TRIGGER IF EXISTS node_fts_after_update;
DROP VIEW IF EXISTS node_search;

CREATE VIEW node_search (node_rowid, name, body) AS
SELECT n.rowid, n.name,
       (SELECT group_concat(t.value, ' ')
          FROM json_tree(n.props) AS t
         WHERE t.type = 'text'
           AND ((t.path = '$' AND t.key IN ('shortName', 'code', 'description', 'originalLabel'))
                OR t.path IN ('$.items', '$.aliases')))
  FROM node AS n;

CREATE TRIGGER node_fts_after_insert AFTER INSERT ON node BEGIN
    INSERT INTO node_fts (rowid, name, body) SELECT node_rowid, name, body FROM node_search WHERE node_rowid = new.rowid;
END;

CREATE TRIGGER node_fts_after_update AFTER UPDATE OF name, props ON node BEGIN
    UPDATE node_fts SET (name, body) = (SELECT name, body FROM node_search WHERE node_rowid = new.rowid) WHERE rowid = new.rowid;
END;

DELETE FROM node_fts;
INSERT INTO node_fts (rowid, name, body) SELECT node_rowid, name, body FROM node_search;
