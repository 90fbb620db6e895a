-- Record kinds are registered in code (zonegov_domain::kinds), not fixed by the
-- schema: drop the CHECK that allowed only parks and institutions.
ALTER TABLE entity_version DROP CONSTRAINT IF EXISTS entity_version_kind_check;
ALTER TABLE entity_version ADD CONSTRAINT entity_version_kind_nonempty CHECK (length(kind) > 0);
