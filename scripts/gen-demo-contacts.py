#!/usr/bin/env python3
"""Writes the `phone` and `address` columns of the demo's institutions, counterparts
and parks: the contact details 谁来管 answers give. All are illustrative (the rows are
`source = illustrative`, and neither column is ever listed in `facts`): Jining's area
code 0537 with made-up numbers, and made-up office addresses. Deterministic: run it
again and the files are byte-identical.

Only bodies that still exist (a version with an empty `valid_to`) get a contact, on
every version, so a rename does not read as a new phone; bodies abolished by a reform
are not called.

Usage: scripts/gen-demo-contacts.py [DIR]   (default data/demo)
"""
import csv
import io
import sys

FILES = {
    "institutions.csv": ("6980", "济宁高新区政务服务中心{n}楼"),
    "counterparts.csv": ("2340", None),
    "parks.csv": ("6720", "{name}管理服务中心"),
}


def main(d):
    for name, (prefix, address) in FILES.items():
        path = f"{d}/{name}"
        with open(path, newline="", encoding="utf-8") as f:
            rows = list(csv.reader(f))
        header = rows[0]
        for col in ("phone", "address"):
            if col not in header:
                at = header.index("source")
                header.insert(at, col)
                for r in rows[1:]:
                    r.insert(at, "")
        ph, ad = header.index("phone"), header.index("address")
        code, to, zh = header.index("code"), header.index("valid_to"), header.index("name_zh")
        current = {r[code] for r in rows[1:] if not r[to]}
        seen = {}
        for r in rows[1:]:
            if r[code] not in current:
                r[ph] = r[ad] = ""
                continue
            n = seen.setdefault(r[code], len(seen) + 1)
            r[ph] = f"0537-{prefix}{n:03d}"
            if address is None:
                r[ad] = ""
            else:
                r[ad] = address.format(n=(n - 1) % 6 + 1, name=r[zh])
        out = io.StringIO()
        csv.writer(out, lineterminator="\n").writerows(rows)
        with open(path, "w", newline="", encoding="utf-8") as f:
            f.write(out.getvalue())


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "data/demo")
