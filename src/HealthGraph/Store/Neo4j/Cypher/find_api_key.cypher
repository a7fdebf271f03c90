// The API key with this hash (a request's authentication), by the hash constraint's index.
MATCH (k:ApiKey {hash: $hash})
RETURN k
