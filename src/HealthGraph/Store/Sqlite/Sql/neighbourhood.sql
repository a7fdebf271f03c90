-- A node and the relationships that start or end at it. @id: the node's id; @first: how many relationships to list.
-- First the node with how many relationships it has (no row when there is no such node); then its first @first
-- relationships by type, the other end's id and direction (leaving before entering). Both parts read only the
-- node's own entries of two indexes: leaving ones from the primary key (src, type, dst), entering ones from
-- edge_by_dst (dst, type, src). Each gives its rows in (type, other end) order, so the ordered UNION ALL merges the
-- two and stops after @first rows instead of sorting every relationship of a hub. A relationship from the node to
-- itself is counted and listed once, as leaving.
SELECT id, label, name, props, basis, source, excerpt, reason, created_at, updated_at, updated_by,
       (SELECT count(*) FROM edge WHERE src = @id)
     + (SELECT count(*) FROM edge INDEXED BY edge_by_dst WHERE dst = @id AND src <> @id) AS relationships
  FROM node
 WHERE id = @id;

SELECT src, type, dst, props, basis, source, excerpt, reason, dst AS other, 0 AS direction
  FROM edge
 WHERE src = @id
UNION ALL
SELECT src, type, dst, props, basis, source, excerpt, reason, src AS other, 1 AS direction
  FROM edge INDEXED BY edge_by_dst
 WHERE dst = @id AND src <> @id
 ORDER BY type, other, direction
 LIMIT @first;
