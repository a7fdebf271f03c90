-- Full-text search. @match is built from the user's words, each quoted, never from raw user text.
SELECT n.id, n.label, n.name, n.props, n.basis, n.source, n.excerpt, n.reason,
       n.created_at, n.updated_at, n.updated_by,
       -bm25(node_fts, 5.0, 1.0) AS score,
       snippet(node_fts, -1, '«', '»', '…', 16) AS snippet
  FROM node_fts
  JOIN node n ON n.rowid = node_fts.rowid
 WHERE node_fts MATCH @match
   AND (@labels IS NULL OR n.label IN (SELECT value FROM json_each(@labels)))
 ORDER BY bm25(node_fts, 5.0, 1.0), n.id
 LIMIT @first
