-- Issue 7: search ranks an exact name first. The ranked query takes a bounded window
-- of full-text matches (see sql_search.rs), so an exact name must be found on its own,
-- whatever the window holds: by this index, not by a scan of the kind.
CREATE INDEX entity_version_name ON entity_version(kind, name_zh) WHERE superseded_by IS NULL;

-- Browsing one type of a national list (`facet`, e.g. 行政裁决 at 1 %) pages by code
-- within the type, not by scanning every code for the few of that type.
CREATE INDEX entity_version_facet ON entity_version(kind, facet, code) WHERE superseded_by IS NULL;
