// Stops the transaction of a cancelled attempt, found by the attempt parameter every implicit statement carries.
SHOW TRANSACTIONS YIELD transactionId AS id, parameters
WHERE parameters.hgAttempt = $attempt
TERMINATE TRANSACTIONS id
YIELD transactionId
RETURN transactionId
