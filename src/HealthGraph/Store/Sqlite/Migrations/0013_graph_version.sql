-- Schema version 13: the graph's version, for the API's result cache (GraphVersion): one row whose value every write
-- transaction replaces with a new random one before it commits (SqliteConnections.WriteAsync), as do a restore and a
-- staged load (a new file, made by this migration). A reader compares it with the version its cached answers were
-- computed at; any other value, from this process or another, means the graph may have changed.

CREATE TABLE IF NOT EXISTS graph_version (
    id      INTEGER PRIMARY KEY CHECK (id = 1),
    version INTEGER NOT NULL
) STRICT;
INSERT OR IGNORE INTO graph_version (id, version) VALUES (1, random());
