// Schema version 11: an entity's history. Each ChangeLog entry keeps what the change did to its subject (details:
// ChangeDetails as JSON), and the log is read by subject, newest first, by this index.
CREATE RANGE INDEX change_log_subject IF NOT EXISTS FOR (e:ChangeLog) ON (e.subject, e.seq);
