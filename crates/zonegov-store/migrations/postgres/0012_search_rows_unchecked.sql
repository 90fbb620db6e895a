-- Issue 7 (import speed): the search rows' foreign keys to entity_version go. The store
-- writes a search row only for the id that the version's own INSERT … RETURNING just gave,
-- in the same transaction; entity_version is never deleted from (versions are superseded or
-- ended, never removed); and every search joins entity_version, so a row without a version
-- could never be found. The checks cost two foreign-key probes per item (0.75 s of server
-- time in a 100,000-row import, about 370 ms per 43,000 rows and table by EXPLAIN ANALYZE),
-- and a probe planned once on a nearly empty table stayed a sequential scan for the rest of
-- the connection (imports of 40-77 s). SQLite's FTS5 index never had such a key.
ALTER TABLE search_index DROP CONSTRAINT IF EXISTS search_index_version_id_fkey;
ALTER TABLE search_name DROP CONSTRAINT IF EXISTS search_name_version_id_fkey;
