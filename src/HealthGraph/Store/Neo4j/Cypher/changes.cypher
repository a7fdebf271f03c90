// The latest change log entries, newest first; with $before, those older than that sequence number. A range on seq
// (its uniqueness constraint's index), so a page reads its entries, not the whole log.
MATCH (e:ChangeLog)
WHERE e.seq < coalesce($before, 9223372036854775807)
RETURN e.seq AS seq, e.at AS at, e.writer AS writer, e.operation AS operation, e.subject AS subject,
       e.created AS created, e.updated AS updated, e.removed AS removed, e.details AS details
ORDER BY e.seq DESC
LIMIT $first
