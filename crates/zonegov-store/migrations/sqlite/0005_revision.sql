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
CREATE TRIGGER revision_zone_insert AFTER INSERT ON zone BEGIN UPDATE revision SET data = data + 1 WHERE id = 1; END;
CREATE TRIGGER revision_zone_update AFTER UPDATE ON zone BEGIN UPDATE revision SET data = data + 1 WHERE id = 1; END;
CREATE TRIGGER revision_zone_delete AFTER DELETE ON zone BEGIN UPDATE revision SET data = data + 1 WHERE id = 1; END;
CREATE TRIGGER revision_category_insert AFTER INSERT ON category BEGIN UPDATE revision SET data = data + 1 WHERE id = 1; END;
CREATE TRIGGER revision_category_update AFTER UPDATE ON category BEGIN UPDATE revision SET data = data + 1 WHERE id = 1; END;
CREATE TRIGGER revision_category_delete AFTER DELETE ON category BEGIN UPDATE revision SET data = data + 1 WHERE id = 1; END;
CREATE TRIGGER revision_change_set_insert AFTER INSERT ON change_set BEGIN UPDATE revision SET data = data + 1 WHERE id = 1; END;
CREATE TRIGGER revision_change_set_update AFTER UPDATE ON change_set BEGIN UPDATE revision SET data = data + 1 WHERE id = 1; END;
CREATE TRIGGER revision_change_set_delete AFTER DELETE ON change_set BEGIN UPDATE revision SET data = data + 1 WHERE id = 1; END;
CREATE TRIGGER revision_change_item_insert AFTER INSERT ON change_item BEGIN UPDATE revision SET data = data + 1 WHERE id = 1; END;
CREATE TRIGGER revision_change_item_update AFTER UPDATE ON change_item BEGIN UPDATE revision SET data = data + 1 WHERE id = 1; END;
CREATE TRIGGER revision_change_item_delete AFTER DELETE ON change_item BEGIN UPDATE revision SET data = data + 1 WHERE id = 1; END;
CREATE TRIGGER revision_entity_version_insert AFTER INSERT ON entity_version BEGIN UPDATE revision SET data = data + 1 WHERE id = 1; END;
CREATE TRIGGER revision_entity_version_update AFTER UPDATE ON entity_version BEGIN UPDATE revision SET data = data + 1 WHERE id = 1; END;
CREATE TRIGGER revision_entity_version_delete AFTER DELETE ON entity_version BEGIN UPDATE revision SET data = data + 1 WHERE id = 1; END;
CREATE TRIGGER revision_lineage_insert AFTER INSERT ON lineage BEGIN UPDATE revision SET data = data + 1 WHERE id = 1; END;
CREATE TRIGGER revision_lineage_update AFTER UPDATE ON lineage BEGIN UPDATE revision SET data = data + 1 WHERE id = 1; END;
CREATE TRIGGER revision_lineage_delete AFTER DELETE ON lineage BEGIN UPDATE revision SET data = data + 1 WHERE id = 1; END;
CREATE TRIGGER revision_app_user_insert AFTER INSERT ON app_user BEGIN UPDATE revision SET auth = auth + 1 WHERE id = 1; END;
CREATE TRIGGER revision_app_user_update AFTER UPDATE ON app_user BEGIN UPDATE revision SET auth = auth + 1 WHERE id = 1; END;
CREATE TRIGGER revision_app_user_delete AFTER DELETE ON app_user BEGIN UPDATE revision SET auth = auth + 1 WHERE id = 1; END;
CREATE TRIGGER revision_user_role_insert AFTER INSERT ON user_role BEGIN UPDATE revision SET auth = auth + 1 WHERE id = 1; END;
CREATE TRIGGER revision_user_role_update AFTER UPDATE ON user_role BEGIN UPDATE revision SET auth = auth + 1 WHERE id = 1; END;
CREATE TRIGGER revision_user_role_delete AFTER DELETE ON user_role BEGIN UPDATE revision SET auth = auth + 1 WHERE id = 1; END;
CREATE TRIGGER revision_role_insert AFTER INSERT ON role BEGIN UPDATE revision SET auth = auth + 1 WHERE id = 1; END;
CREATE TRIGGER revision_role_update AFTER UPDATE ON role BEGIN UPDATE revision SET auth = auth + 1 WHERE id = 1; END;
CREATE TRIGGER revision_role_delete AFTER DELETE ON role BEGIN UPDATE revision SET auth = auth + 1 WHERE id = 1; END;
CREATE TRIGGER revision_role_permission_insert AFTER INSERT ON role_permission BEGIN UPDATE revision SET auth = auth + 1 WHERE id = 1; END;
CREATE TRIGGER revision_role_permission_update AFTER UPDATE ON role_permission BEGIN UPDATE revision SET auth = auth + 1 WHERE id = 1; END;
CREATE TRIGGER revision_role_permission_delete AFTER DELETE ON role_permission BEGIN UPDATE revision SET auth = auth + 1 WHERE id = 1; END;
CREATE TRIGGER revision_session_delete AFTER DELETE ON session BEGIN UPDATE revision SET auth = auth + 1 WHERE id = 1; END;
CREATE TRIGGER revision_session_update AFTER UPDATE ON session
WHEN julianday(NEW.last_seen) < julianday(OLD.last_seen) OR NEW.user_id IS NOT OLD.user_id OR NEW.csrf IS NOT OLD.csrf
    OR NEW.ip IS NOT OLD.ip OR NEW.created_at IS NOT OLD.created_at OR NEW.id_hash IS NOT OLD.id_hash
BEGIN UPDATE revision SET auth = auth + 1 WHERE id = 1; END;
