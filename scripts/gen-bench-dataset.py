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
    with open(os.path.join(out, name), "a", encoding="utf-8", newline="") as f:
        csv.writer(f).writerows(rows)


append("changes.csv", [[f"BENCH{y}", f"{y}-01-01", f"基准〔{y}〕1号", "基准测试年度调整",
                        "Benchmark yearly adjustment", "illustrative", "benchmark data"] for y in years])
rows = []
for i in range(1, n + 1):
    code = f"B{i:04d}"
    for k, y in enumerate(years):
        to = f"{y + 1}-01-01" if k + 1 < len(years) else ""
        rows.append([code, f"{y}-01-01", to, f"BENCH{y}", f"基准测试处{i}", f"Benchmark unit {i}", "", "",
                     "UNIT", "GWH", "", "", str(5 + k), "illustrative", "benchmark data"])
append("institutions.csv", rows)
print(f"{out}: demo + {n} institutions, {len(rows)} generated versions")
