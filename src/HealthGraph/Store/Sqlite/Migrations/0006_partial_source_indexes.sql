-- Schema version 6: the indexes by source document hold only the rows that cite one. Most rows cite none (inferred
-- facts; every synthetic one), so the full indexes were mostly NULL keys: at a million deliverables about 350 MB of the
-- file and seconds of every bulk load's index build, for a lookup (`source = @doc`) that never asks for NULL.
-- SQLite uses a partial index WHERE source IS NOT NULL for `source = @doc`, so the queries are unchanged.
DROP INDEX node_by_source;
CREATE INDEX node_by_source ON node (source) WHERE source IS NOT NULL;

DROP INDEX edge_by_source;
CREATE INDEX edge_by_source ON edge (source) WHERE source IS NOT NULL;
