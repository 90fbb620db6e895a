-- Issue 7: PostgreSQL keeps the name's tokens in a narrow table of their own here
-- (see migrations/postgres/0010_search_name.sql). SQLite needs nothing: FTS5 already
-- matches the name column on its own (`{name} : …`) and stops at the window.
SELECT 1;
