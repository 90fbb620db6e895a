#!/usr/bin/env python3
"""Writes a dataset directory for the HTTP benchmark: the demo zone (data/demo,
copied) plus N generated institutions (codes B0001…) under 管委会 (GWH), each with
ten yearly versions 2015–2024 (the last one open), from ten yearly change sets.
A dataset must be self-contained (its references are checked within it), so the
demo is part of it; load it into an empty database.

Usage: gen-bench-dataset.py OUT_DIR [N]   (N defaults to 2000)
"""
import csv
import os
import shutil
import sys

out = sys.argv[1]
n = int(sys.argv[2]) if len(sys.argv) > 2 else 2000
years = list(range(2015, 2025))
demo = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "data", "demo")
if os.path.exists(out):
    shutil.rmtree(out)
shutil.copytree(demo, out)


def append(name, rows):
    """Appends rows given as dicts, in the file's own column order (missing columns
    are left empty), so the generator follows the dataset format as it grows."""
    path = os.path.join(out, name)
    with open(path, encoding="utf-8", newline="") as f:
        header = next(csv.reader(f))
    with open(path, "a", encoding="utf-8", newline="") as f:
        csv.writer(f).writerows([[r.get(c, "") for c in header] for r in rows])


append("changes.csv", [{"id": f"BENCH{y}", "effective": f"{y}-01-01", "doc_no": f"基准〔{y}〕1号",
                        "reason_zh": "基准测试年度调整", "reason_en": "Benchmark yearly adjustment",
                        "source": "illustrative", "basis": "benchmark data"} for y in years])
rows = []
for i in range(1, n + 1):
    code = f"B{i:04d}"
    for k, y in enumerate(years):
        to = f"{y + 1}-01-01" if k + 1 < len(years) else ""
        rows.append({"code": code, "valid_from": f"{y}-01-01", "valid_to": to, "change": f"BENCH{y}",
                     "name_zh": f"基准测试处{i}", "name_en": f"Benchmark unit {i}", "category": "UNIT",
                     "parent": "GWH", "quota_headcount": str(5 + k), "source": "illustrative",
                     "basis": "benchmark data"})
append("institutions.csv", rows)
print(f"{out}: demo + {n} institutions, {len(rows)} generated versions")
