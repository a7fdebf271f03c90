-- Schema version 12: the API keys an administrator issues (StoredApiKey): the owner's name, unique and never reused; the
-- key's SHA-256 ('sha256:' and hex, never the key), by which each request's key is found; its roles and organisations as
-- JSON arrays; who issued it and when; who revoked it and when (null while it works).

CREATE TABLE IF NOT EXISTS api_key (
    name          TEXT NOT NULL PRIMARY KEY,
    hash          TEXT NOT NULL UNIQUE,
    roles         TEXT NOT NULL CHECK (json_valid(roles)),
    organisations TEXT NOT NULL CHECK (json_valid(organisations)),
    created_at    TEXT NOT NULL,
    created_by    TEXT NOT NULL,
    revoked_at    TEXT,
    revoked_by    TEXT
) STRICT;
