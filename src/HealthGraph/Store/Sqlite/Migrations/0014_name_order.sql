-- Schema version 14: lists in name order read from an index. A page of a label's nodes ordered by name (then id, the
-- tie-break every list has) is read in index order from its cursor, not sorted from every node of the label: the first
-- 20 of 100,000 deliverables by title 100 -> 3 ms, a page 5,000 deep 76 -> 1 ms (the statement alone, sqlite3).
CREATE INDEX IF NOT EXISTS node_by_label_name ON node (label, name, id);
