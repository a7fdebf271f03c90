// Full-text search. $query is built from the user's words (normalized letters and digits only, each a required term,
// the last a prefix), never from raw user text. $labels: labels to search in, or null for all.
CALL db.index.fulltext.queryNodes('entity_words', $query) YIELD node, score
WHERE $labels IS NULL OR any(l IN labels(node) WHERE l IN $labels)
RETURN node, score
ORDER BY score DESC, node.id
LIMIT $first
