// Appends an entry to the change log, numbered by the counter node (whose lock orders concurrent writers).
MERGE (counter:ChangeLogCounter {name: 'changes'})
  ON CREATE SET counter.seq = 0
SET counter.seq = counter.seq + 1
CREATE (entry:ChangeLog {
  seq: counter.seq, at: $at, writer: $writer, operation: $operation, subject: $subject,
  created: $created, updated: $updated, removed: $removed, details: $details
})
RETURN entry.seq AS seq
