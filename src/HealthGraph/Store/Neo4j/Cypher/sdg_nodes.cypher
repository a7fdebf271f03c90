// Every SDG goal and target id, in order (the coverage check goes through them).
MATCH (s:Entity)
WHERE s:SdgGoal OR s:SdgTarget
RETURN s.id AS id
ORDER BY id
