// The indexes that are not online yet: their state, how far they are populated and, for a failed one, why.
SHOW INDEXES YIELD name, state, populationPercent, failureMessage
WHERE state <> 'ONLINE'
RETURN name, state, populationPercent, failureMessage
ORDER BY name
