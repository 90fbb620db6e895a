-- Issue 7: the name's tokens in a narrow table of their own, with their own GIN index.
-- A search takes its window of name matches from here first, and reads the all-field
-- `search_index` only when names do not fill the page (see sql_search.rs). Why a table
-- and not a column of search_index: an item's duties make its `tokens` ~1.4 kB, so
-- search_index spreads 281,000 items over 54,000 pages; a GIN bitmap of a
-- mid-frequency word (消防: 18,920 rows) then touches a page per row, and walking it
-- until the window is full reads ~3,000 wide rows. Here a row is ~240 bytes: the same
-- walk reads ~90 pages that stay in shared buffers, and the name tier of any row is
-- one primary-key probe. The tokens are search_index's weight-A (name) positions, kept
-- with their weight, so the same tsquery matches here as it would in the name there.
CREATE TABLE search_name (
    version_id BIGINT PRIMARY KEY REFERENCES entity_version(id),
    tokens TSVECTOR NOT NULL
);
INSERT INTO search_name (version_id, tokens)
    SELECT version_id, ts_filter(tokens, '{a}') FROM search_index ORDER BY version_id;
CREATE INDEX search_name_tokens ON search_name USING GIN (tokens);
-- The planner's statistics for the new table: without them it takes it for empty.
ANALYZE search_name;
-- What a search filters and ranks a candidate by (kind, dates, scope, name), beside its
-- id: probed index-only instead of reading the version's wide row (its attrs), one
-- page per candidate that rarely stays in shared buffers on a national list.
CREATE INDEX entity_version_search ON entity_version (id)
    INCLUDE (kind, valid_from, valid_to, owner, code, name_zh) WHERE superseded_by IS NULL;
ANALYZE entity_version;
