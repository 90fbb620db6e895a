-- Provenance per field (issue 6, "truth in the demo data"): `facts` lists the fields
-- the source states, separated by ';' (empty on a "fact" row means every field).
-- Lineage links now carry provenance like every other record; links stored before
-- this migration read as illustrative with no basis.
ALTER TABLE zone ADD COLUMN facts TEXT NOT NULL DEFAULT '';
ALTER TABLE category ADD COLUMN facts TEXT NOT NULL DEFAULT '';
ALTER TABLE change_set ADD COLUMN facts TEXT NOT NULL DEFAULT '';
ALTER TABLE lineage ADD COLUMN source TEXT NOT NULL DEFAULT 'illustrative';
ALTER TABLE lineage ADD COLUMN basis TEXT NOT NULL DEFAULT '';
ALTER TABLE lineage ADD COLUMN facts TEXT NOT NULL DEFAULT '';
