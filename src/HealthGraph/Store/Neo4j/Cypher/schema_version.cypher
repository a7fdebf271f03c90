// The schema version the database is at (0 when no migration has run).
OPTIONAL MATCH (s:SchemaVersion {name: 'healthgraph'})
RETURN coalesce(s.version, 0) AS version
