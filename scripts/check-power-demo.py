#!/usr/bin/env python3
"""Recount data/demo/power_items.csv against the seed fact (seed §6): 1,580 power items
and 3,771 responsibility items valid on 2023-12-31. Counts from the CSV only, so it
checks the file, not the generator. Exit status 1 on any failure.

    python3 scripts/check-power-demo.py [path/to/power_items.csv]
"""

import csv
import pathlib
import re
import sys
from collections import Counter, defaultdict

ROOT = pathlib.Path(__file__).resolve().parent.parent
DEFAULT = ROOT / "data" / "demo" / "power_items.csv"
ON = "2023-12-31"
EXPECTED_ITEMS = 1580
EXPECTED_RESPONSIBILITIES = 3771
POWER_TYPES = ["CF", "QT", "JC", "XK", "QZ", "QR", "JL", "JF", "ZS", "CJ"]
TYPE_NAMES = {
    "XK": "行政许可", "CF": "行政处罚", "QZ": "行政强制", "ZS": "行政征收",
    "JF": "行政给付", "JC": "行政检查", "QR": "行政确认", "JL": "行政奖励",
    "CJ": "行政裁决", "QT": "其他行政权力",
}
MUST_NAME = ["消防", "用地", "排污"]
CODE = re.compile(r"^[A-Z]{2}\d{5}\d{3}$")
# Cells that belong to the item and must repeat unchanged on each of its rows.
ITEM_CELLS = [
    "item_type", "name", "sub_item", "body", "handling_unit", "level",
    "basis_setting", "basis_implementing", "accountability", "accountability_basis",
    "phone", "valid_from", "valid_to", "change", "source",
]


def valid_on(row, day):
    return row["valid_from"] <= day and (not row["valid_to"] or day < row["valid_to"])


def main():
    path = pathlib.Path(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT
    with path.open(encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    problems = []
    first = {}
    per_item = defaultdict(list)
    for line, r in enumerate(rows, start=2):
        code = r["code"]
        if not CODE.match(code) or code[:2] != r["item_type"]:
            problems.append(f"line {line}: code {code!r} does not follow type+5+3 or its type")
        if r["item_type"] not in POWER_TYPES:
            problems.append(f"line {line}: item_type {r['item_type']!r} is not a power type")
        if code in first:
            prev = first[code]
            for c in ITEM_CELLS:
                if r[c] != prev[c]:
                    problems.append(f"line {line}: item {code} column {c} differs from its first row")
        else:
            first[code] = r
        per_item[code].append(r)
        if not r["step"] or not r["duty"]:
            problems.append(f"line {line}: item {code} has a row without step or duty")
        if not r["duty"].startswith(r["step"]):
            problems.append(f"line {line}: duty does not start with its step {r['step']!r}")
        if r["source"] != "illustrative" or not r["basis"]:
            problems.append(f"line {line}: source must be illustrative with a basis")

    items_on = {c: rs for c, rs in per_item.items() if valid_on(rs[0], ON)}
    by_type = Counter(rs[0]["item_type"] for rs in items_on.values())
    responsibilities = sum(len(rs) for rs in items_on.values())

    for code, rs in per_item.items():
        r = rs[0]
        if not (r["basis_setting"] or r["basis_implementing"]):
            problems.append(f"item {code}: no basis")
        steps = [x["step"] for x in rs]
        if len(set(steps)) != len(steps):
            problems.append(f"item {code}: a step appears twice")
    for word in MUST_NAME:
        hits = sum(1 for rs in items_on.values() if word in rs[0]["name"])
        print(f"items whose name contains {word}: {hits}")
        if hits == 0:
            problems.append(f"no item name contains {word}")

    print(f"power items valid on {ON}, by type:")
    for t in POWER_TYPES:
        print(f"  {t} {TYPE_NAMES[t]}: {by_type.get(t, 0)}")
    print(f"power items valid on {ON}: {len(items_on)}")
    print(f"responsibility items valid on {ON}: {responsibilities}")
    print(f"bodies: {dict(sorted(Counter(rs[0]['body'] for rs in items_on.values()).items()))}")
    if len(items_on) != EXPECTED_ITEMS:
        problems.append(f"power items: {len(items_on)}, the seed says {EXPECTED_ITEMS}")
    if responsibilities != EXPECTED_RESPONSIBILITIES:
        problems.append(
            f"responsibility items: {responsibilities}, the seed says {EXPECTED_RESPONSIBILITIES}"
        )
    for p in problems[:30]:
        print("PROBLEM:", p)
    if problems:
        print(f"{len(problems)} problem(s)")
        sys.exit(1)
    print("OK: matches seed §6 (1580 power items, 3771 responsibility items)")


if __name__ == "__main__":
    main()
