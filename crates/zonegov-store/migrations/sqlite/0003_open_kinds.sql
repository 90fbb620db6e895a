-- Record kinds are registered in code (zonegov_domain::kinds), not fixed by the
-- schema: drop the CHECK that allowed only parks and institutions. SQLite cannot
-- drop a constraint in place, so the table is rebuilt with its rows and indexes.
CREATE TABLE entity_version_open (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    kind TEXT NOT NULL CHECK (length(kind) > 0),
    code TEXT NOT NULL,
    valid_from DATE NOT NULL,
    valid_to DATE,
    change_id TEXT NOT NULL REFERENCES change_set(id),
    superseded_by TEXT REFERENCES change_set(id),
    name_zh TEXT NOT NULL,
    attrs TEXT NOT NULL,
    CHECK (valid_to IS NULL OR valid_to > valid_from)
);
INSERT INTO entity_version_open (id, kind, code, valid_from, valid_to, change_id, superseded_by, name_zh, attrs)
    SELECT id, kind, code, valid_from, valid_to, change_id, superseded_by, name_zh, attrs FROM entity_version;
DROP TABLE entity_version;
ALTER TABLE entity_version_open RENAME TO entity_version;
CREATE UNIQUE INDEX entity_version_current ON entity_version(kind, code, valid_from) WHERE superseded_by IS NULL;
CREATE INDEX entity_version_asof ON entity_version(kind, valid_from, valid_to) WHERE superseded_by IS NULL;
