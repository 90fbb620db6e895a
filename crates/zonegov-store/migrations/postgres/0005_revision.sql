-- A change counter for caches (issue 6, point 4). `data` counts writes to the zone's
-- history; `auth` counts writes to accounts, roles, permissions and session deletions.
-- Triggers bump them inside the writing transaction, so every write path — the load,
-- the account and role writes, and any SQL run behind the application's back — is
-- counted, and a reader that sees the new row also sees the new counter. Touching a
-- session (moving last_seen forward) and appending to the audit trail do not count:
-- they make nothing a cache holds wrong. Every other change to a session does
-- (a new session column must be added to the UPDATE trigger's list). The counters
-- only ever grow.
CREATE TABLE revision (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    data BIGINT NOT NULL,
    auth BIGINT NOT NULL
);
INSERT INTO revision (id, data, auth) VALUES (1, 0, 0);

CREATE FUNCTION revision_bump_data() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE revision SET data = data + 1 WHERE id = 1;
    RETURN NULL;
END $$;

CREATE FUNCTION revision_bump_auth() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE revision SET auth = auth + 1 WHERE id = 1;
    RETURN NULL;
END $$;

-- Per statement: a load of thousands of rows bumps once per INSERT statement, not per row.
CREATE TRIGGER revision_zone AFTER INSERT OR UPDATE OR DELETE ON zone FOR EACH STATEMENT EXECUTE FUNCTION revision_bump_data();
CREATE TRIGGER revision_category AFTER INSERT OR UPDATE OR DELETE ON category FOR EACH STATEMENT EXECUTE FUNCTION revision_bump_data();
CREATE TRIGGER revision_change_set AFTER INSERT OR UPDATE OR DELETE ON change_set FOR EACH STATEMENT EXECUTE FUNCTION revision_bump_data();
CREATE TRIGGER revision_change_item AFTER INSERT OR UPDATE OR DELETE ON change_item FOR EACH STATEMENT EXECUTE FUNCTION revision_bump_data();
CREATE TRIGGER revision_entity_version AFTER INSERT OR UPDATE OR DELETE ON entity_version FOR EACH STATEMENT EXECUTE FUNCTION revision_bump_data();
CREATE TRIGGER revision_lineage AFTER INSERT OR UPDATE OR DELETE ON lineage FOR EACH STATEMENT EXECUTE FUNCTION revision_bump_data();
CREATE TRIGGER revision_app_user AFTER INSERT OR UPDATE OR DELETE ON app_user FOR EACH STATEMENT EXECUTE FUNCTION revision_bump_auth();
CREATE TRIGGER revision_user_role AFTER INSERT OR UPDATE OR DELETE ON user_role FOR EACH STATEMENT EXECUTE FUNCTION revision_bump_auth();
CREATE TRIGGER revision_role AFTER INSERT OR UPDATE OR DELETE ON role FOR EACH STATEMENT EXECUTE FUNCTION revision_bump_auth();
CREATE TRIGGER revision_role_permission AFTER INSERT OR UPDATE OR DELETE ON role_permission FOR EACH STATEMENT EXECUTE FUNCTION revision_bump_auth();
-- Per row: purging zero abandoned sessions changes nothing.
CREATE TRIGGER revision_session_delete AFTER DELETE ON session FOR EACH ROW EXECUTE FUNCTION revision_bump_auth();
CREATE TRIGGER revision_session_update AFTER UPDATE ON session FOR EACH ROW
WHEN (NEW.last_seen < OLD.last_seen OR NEW.user_id IS DISTINCT FROM OLD.user_id OR NEW.csrf IS DISTINCT FROM OLD.csrf
    OR NEW.ip IS DISTINCT FROM OLD.ip OR NEW.created_at IS DISTINCT FROM OLD.created_at OR NEW.id_hash IS DISTINCT FROM OLD.id_hash)
EXECUTE FUNCTION revision_bump_auth();
