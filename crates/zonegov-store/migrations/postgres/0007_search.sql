-- Issue 7: full-text search over records that have search text (the power list).
-- The tsvector is built in Rust (zonegov_domain::search: Han bigrams plus each run's
-- last character, ASCII runs lower-cased, positions and weights A name, B duties,
-- C bases) and cast from its literal form, so no text-search parser or locale is
-- involved and both databases index identical tokens. A superseded version drops out
-- of results by the join on entity_version.
CREATE TABLE search_index (
    version_id BIGINT PRIMARY KEY REFERENCES entity_version(id),
    tokens TSVECTOR NOT NULL
);
CREATE INDEX search_index_tokens ON search_index USING GIN (tokens);
