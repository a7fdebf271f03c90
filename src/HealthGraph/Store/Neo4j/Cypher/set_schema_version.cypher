// Records that the database is at schema version $version (never lowers it: two hosts may migrate at once).
MERGE (s:SchemaVersion {name: 'healthgraph'})
SET s.version = CASE WHEN coalesce(s.version, 0) > $version THEN s.version ELSE $version END
