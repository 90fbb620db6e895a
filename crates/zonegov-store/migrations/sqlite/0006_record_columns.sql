-- Issue 7: kinds too large to hold in memory (the power list) are read and counted
-- by query. Three values the record computes are kept as columns: the record whose
-- data scope it falls under (`owner`, a power item's body), the key reports break it
-- down by (`facet`, its type) and how many sub-records it carries (`weight`, its
-- responsibility items). Rows stored earlier are of resident kinds: NULL, NULL, 0.
ALTER TABLE entity_version ADD COLUMN owner TEXT;
ALTER TABLE entity_version ADD COLUMN facet TEXT;
ALTER TABLE entity_version ADD COLUMN weight INTEGER NOT NULL DEFAULT 0;
CREATE INDEX entity_version_owner ON entity_version(kind, owner, code) WHERE superseded_by IS NULL;
CREATE INDEX entity_version_code ON entity_version(kind, code, valid_from) WHERE superseded_by IS NULL;
