-- Schema version 11: an entity's history. Each change log entry keeps what the change did to its subject, before and
-- after (ChangeDetails, as JSON: the fields that differ, the relationships made and removed), in a table of its own
-- beside the log (a file migrated from before has none for its older entries), and the log is read by subject, newest
-- first, by an index.

CREATE TABLE IF NOT EXISTS change_details (
    seq     INTEGER PRIMARY KEY REFERENCES change_log (seq),
    details TEXT NOT NULL
) STRICT;
CREATE INDEX IF NOT EXISTS change_log_subject ON change_log (subject, seq);
