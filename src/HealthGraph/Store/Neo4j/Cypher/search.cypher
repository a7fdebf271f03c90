// Full-text search. $query is built from the user's words (letters and digits only, each a required prefix term),
// never from raw user text. $labels: labels to search in, or null for all.
CALL db.index.fulltext.queryNodes('entity_search', $query) YIELD node, score
WHERE $labels IS NULL OR any(l IN labels(node) WHERE l IN $labels)
RETURN node, score
ORDER BY score DESC, node.id
LIMIT $first
