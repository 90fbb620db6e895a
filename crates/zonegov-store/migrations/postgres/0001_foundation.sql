-- Foundation schema: the zone, categories, change records, effective-dated versions
-- and lineage. Versions are never updated in place except for `superseded_by`,
-- which marks a row replaced by a later correction (history is never rewritten).
CREATE TABLE zone (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    division TEXT NOT NULL,
    name_zh TEXT NOT NULL,
    name_en TEXT NOT NULL,
    level TEXT NOT NULL,
    source TEXT NOT NULL,
    basis TEXT NOT NULL
);

CREATE TABLE category (
    code TEXT PRIMARY KEY,
    name_zh TEXT NOT NULL,
    name_en TEXT NOT NULL,
    internal BOOLEAN NOT NULL,
    sort INTEGER NOT NULL,
    source TEXT NOT NULL,
    basis TEXT NOT NULL
);

CREATE TABLE change_set (
    id TEXT PRIMARY KEY,
    effective DATE NOT NULL,
    doc_no TEXT NOT NULL,
    reason_zh TEXT NOT NULL,
    reason_en TEXT NOT NULL,
    actor TEXT NOT NULL,
    recorded_at TIMESTAMPTZ NOT NULL,
    source TEXT NOT NULL,
    basis TEXT NOT NULL
);

CREATE TABLE change_item (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    change_id TEXT NOT NULL REFERENCES change_set(id),
    kind TEXT NOT NULL,
    code TEXT NOT NULL,
    before_json JSONB,
    after_json JSONB
);
CREATE INDEX change_item_entity ON change_item(kind, code);

CREATE TABLE entity_version (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    kind TEXT NOT NULL CHECK (kind IN ('park', 'institution')),
    code TEXT NOT NULL,
    valid_from DATE NOT NULL,
    valid_to DATE,
    change_id TEXT NOT NULL REFERENCES change_set(id),
    superseded_by TEXT REFERENCES change_set(id),
    name_zh TEXT NOT NULL,
    attrs JSONB NOT NULL,
    CHECK (valid_to IS NULL OR valid_to > valid_from)
);
CREATE UNIQUE INDEX entity_version_current ON entity_version(kind, code, valid_from) WHERE superseded_by IS NULL;
CREATE INDEX entity_version_asof ON entity_version(kind, valid_from, valid_to) WHERE superseded_by IS NULL;

CREATE TABLE lineage (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    kind TEXT NOT NULL,
    predecessor TEXT NOT NULL,
    successor TEXT NOT NULL,
    relation TEXT NOT NULL,
    date DATE NOT NULL,
    change_id TEXT NOT NULL REFERENCES change_set(id)
);
CREATE INDEX lineage_predecessor ON lineage(kind, predecessor);
CREATE INDEX lineage_successor ON lineage(kind, successor);
