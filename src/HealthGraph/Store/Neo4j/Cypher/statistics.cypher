// How many nodes each label has and how many relationships each type has (kind: 'node' or 'relationship').
CALL () {
  MATCH (n:Entity)
  UNWIND labels(n) AS label
  WITH label
  WHERE label <> 'Entity'
  RETURN 'node' AS kind, label AS name, count(*) AS count
  UNION ALL
  MATCH (:Entity)-[r]->(:Entity)
  RETURN 'relationship' AS kind, type(r) AS name, count(*) AS count
}
RETURN kind, name, count
ORDER BY kind, name
