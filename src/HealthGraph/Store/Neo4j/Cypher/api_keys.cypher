// A page of the API keys by name, after $after (null: from the start), by the name constraint's index.
MATCH (k:ApiKey)
WHERE k.name > coalesce($after, '')
RETURN k
ORDER BY k.name
LIMIT $first
