-- Schema version 2: the change log. Every edit applied through the store (not the seed load) leaves one row, written
-- in the edit's own transaction, so the log and the graph never disagree: who changed what, when, and how much.

CREATE TABLE change_log (
    seq       INTEGER PRIMARY KEY,
    at        TEXT NOT NULL,
    writer    TEXT NOT NULL,
    operation TEXT NOT NULL,
    subject   TEXT NOT NULL,
    created   INTEGER NOT NULL,
    updated   INTEGER NOT NULL,
    removed   INTEGER NOT NULL
) STRICT;
