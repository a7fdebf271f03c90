// One entity's history: the change log entries about $subject, newest first, older than $before when it is given, by
// the index on (subject, seq).
MATCH (e:ChangeLog)
WHERE e.subject = $subject AND e.seq < coalesce($before, 9223372036854775807)
RETURN e.seq AS seq, e.at AS at, e.writer AS writer, e.operation AS operation, e.subject AS subject,
       e.created AS created, e.updated AS updated, e.removed AS removed, e.details AS details
ORDER BY e.seq DESC
LIMIT $first
