// Schema version 12: the API keys an administrator issues (StoredApiKey), as (:ApiKey {name, hash, roles,
// organisations, createdAt, createdBy, revokedAt, revokedBy}), never an :Entity: the owner's name is unique and never
// reused; each request's key is found by its SHA-256 (never the key) through the second constraint's index.
CREATE CONSTRAINT api_key_name IF NOT EXISTS FOR (k:ApiKey) REQUIRE k.name IS UNIQUE;
CREATE CONSTRAINT api_key_hash IF NOT EXISTS FOR (k:ApiKey) REQUIRE k.hash IS UNIQUE;
