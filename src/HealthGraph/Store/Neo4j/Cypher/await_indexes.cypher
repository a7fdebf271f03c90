// Waits (up to 60 seconds) until every index, the full-text one included, is online.
CALL db.awaitIndexes(60)
