-- Issue 7: full-text search over records that have search text (the power list).
-- The tokens are computed in Rust (zonegov_domain::search: Han bigrams plus each
-- run's last character, ASCII runs lower-cased) and stored space-separated, so the
-- unicode61 tokenizer only splits on the spaces and both databases index identical
-- tokens. Keyed by entity_version.id (the rowid); a superseded version drops out of
-- results by the join on entity_version. Contentless: the text lives in `attrs`.
CREATE VIRTUAL TABLE search_index USING fts5(name, body, basis, content='', tokenize='unicode61 remove_diacritics 0');
