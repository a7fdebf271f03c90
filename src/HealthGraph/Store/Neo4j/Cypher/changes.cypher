// The latest change log entries, newest first; with $before, those older than that sequence number.
MATCH (e:ChangeLog)
WHERE $before IS NULL OR e.seq < $before
RETURN e.seq AS seq, e.at AS at, e.writer AS writer, e.operation AS operation, e.subject AS subject,
       e.created AS created, e.updated AS updated, e.removed AS removed
ORDER BY e.seq DESC
LIMIT $first
