-- Full-text search. @match is built from the user's words, each quoted, never from raw user text.
-- The inner query ranks the matches on the full-text index alone and keeps the best @first; only those are joined to
-- their nodes and given a snippet. Joining every match first (or computing a snippet for every match before the sort)
-- read a node row and ran snippet() per match: 80 ms at 100,000 deliverables (5,499 matches) and 3.6 s at 1,000,000.
SELECT n.id, n.label, n.name, n.props, n.basis, n.source, n.excerpt, n.reason,
       n.created_at, n.updated_at, n.updated_by,
       -best.rank AS score,
       snippet(node_fts, -1, '«', '»', '…', 16) AS snippet
  FROM (SELECT rowid, bm25(node_fts, 5.0, 1.0) AS rank
          FROM node_fts
         WHERE node_fts MATCH @match
           AND (@labels IS NULL OR rowid IN (SELECT rowid FROM node WHERE label IN (SELECT value FROM json_each(@labels))))
         ORDER BY rank
         LIMIT @first) AS best
  JOIN node n ON n.rowid = best.rowid
  JOIN node_fts ON node_fts.rowid = best.rowid AND node_fts MATCH @match
 ORDER BY best.rank, n.id
