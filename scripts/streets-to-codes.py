#!/usr/bin/env python3
"""One-off migration of a dataset's parks.csv: the `streets` column held street
names; it now holds counterpart codes (counterparts.csv). Kept for datasets made
before counterpart bodies existed: python3 scripts/streets-to-codes.py DIR"""
import csv, sys

CODES = {"洸河街道": "ST01", "柳行街道": "ST02", "接庄街道": "ST03", "王因街道": "ST04", "黄屯街道": "ST05"}
path = sys.argv[1] + "/parks.csv"
with open(path, newline="", encoding="utf-8") as f:
    rows = list(csv.reader(f))
head = rows[0]
i = head.index("streets")
for r in rows[1:]:
    r[i] = "|".join(CODES.get(s, s) for s in r[i].split("|") if s)
with open(path, "w", newline="", encoding="utf-8") as f:
    csv.writer(f, lineterminator="\n").writerows(rows)
