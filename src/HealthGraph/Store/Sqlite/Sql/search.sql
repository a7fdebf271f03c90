-- Full-text search. @match is built from the user's words, each quoted, never from raw user text.
-- The inner query ranks the matches on the full-text index alone and keeps the best @first; only those are joined to
-- their nodes (the snippet is made in C#, the same for every store). Joining every match first read a node row per
-- match: 80 ms at 100,000 deliverables (5,499 matches) and 3.6 s at 1,000,000.
SELECT n.id, n.label, n.name, n.props, n.basis, n.source, n.excerpt, n.reason,
       n.created_at, n.updated_at, n.updated_by,
       -best.rank AS score
  FROM (SELECT rowid, bm25(node_fts, 5.0, 1.0) AS rank
          FROM node_fts
         WHERE node_fts MATCH @match
           AND (@labels IS NULL OR rowid IN (SELECT rowid FROM node WHERE label IN (SELECT value FROM json_each(@labels))))
         ORDER BY rank
         LIMIT @first) AS best
  JOIN node n ON n.rowid = best.rowid
 ORDER BY best.rank, n.id
