-- API tokens for machine clients (issue 8, point 5). Only the SM3 hash of a token's
-- secret is stored; the id in the secret finds the row. A token carries one role
-- (its permissions) and its own data scope, resolved like a user's with
-- `institution` as its body and `park` as its park.
CREATE TABLE api_token (
    id BIGSERIAL PRIMARY KEY,
    name TEXT NOT NULL,
    role TEXT NOT NULL REFERENCES role(code),
    scope TEXT NOT NULL,
    scope_bodies TEXT NOT NULL,
    institution TEXT NOT NULL,
    park TEXT,
    rate_per_minute BIGINT NOT NULL CHECK (rate_per_minute > 0),
    secret_hash TEXT NOT NULL,
    created_at TIMESTAMPTZ NOT NULL,
    created_by TEXT NOT NULL,
    expires_at TIMESTAMPTZ,
    revoked_at TIMESTAMPTZ,
    revoked_by TEXT,
    last_used_at TIMESTAMPTZ
);

-- Creating or revoking a token (any change but `last_used_at`) moves the `auth`
-- revision, so a revocation applies to the next request in every process; keeping
-- the last-used time does not (it makes nothing a cache holds wrong).
CREATE TRIGGER revision_api_token AFTER INSERT OR DELETE ON api_token FOR EACH STATEMENT EXECUTE FUNCTION revision_bump_auth();
CREATE TRIGGER revision_api_token_update AFTER UPDATE OF id, name, role, scope, scope_bodies, institution, park,
    rate_per_minute, secret_hash, created_at, created_by, expires_at, revoked_at, revoked_by ON api_token
FOR EACH STATEMENT EXECUTE FUNCTION revision_bump_auth();

-- Administrators of an existing installation may manage tokens (new ones get every
-- permission from the catalogue when the built-in roles are seeded).
INSERT INTO role_permission (role, permission)
SELECT 'admin', 'system:token:list' WHERE EXISTS (SELECT 1 FROM role WHERE code = 'admin')
ON CONFLICT DO NOTHING;
INSERT INTO role_permission (role, permission)
SELECT 'admin', 'system:token:edit' WHERE EXISTS (SELECT 1 FROM role WHERE code = 'admin')
ON CONFLICT DO NOTHING;
