#!/usr/bin/env python3
"""Generates the demo's enterprises and work-safety mapping (issue 8):

- data/demo/enterprises.csv      3,000 illustrative enterprises (+ a few later versions)
- data/demo/safety_grids.csv     the safety grids: zone, 5 streets, 10 parks
- data/demo/safety_rules.csv     sector / specialist / comprehensive mapping
- data/demo/boundaries/*.geojson illustrative outlines of the 10 parks and 5 streets
- the `boundary` cells of parks.csv and counterparts.csv, the two change sets in
  changes.csv and the manifest lines (each added once; running again changes nothing).

Deterministic: a fixed seed (random.Random(20241)), no clock.

Everything here is illustrative (source = illustrative): the enterprises, their names,
addresses, coordinates, sizes and flags, the grids and their leaders, the mapping and
the outlines. Only the GB/T 4754-2017 codes (public reference table) and the five
characteristic industries (seed §3), which dominate, come from elsewhere.
Credit codes are computed (GB 32100-2015 and GB 11714 check characters), registered
in the zone's division 370871, serials 00000001 on.

Usage: scripts/gen-enterprise-demo.py [DATA_DIR]   (default data/demo)
"""
import csv
import io
import json
import os
import random
import sys

DIR = sys.argv[1] if len(sys.argv) > 1 else "data/demo"
REF = os.path.join(os.path.dirname(__file__), "..", "data", "reference", "gbt4754-2017.csv")
N = 3000
FROM = "2024-09-01"
CHANGE = "CS2024"
MOVE_FROM = "2025-06-01"
MOVE_CHANGE = "CE2025"
BASIS_E = ("Illustrative enterprise (scripts/gen-enterprise-demo.py): name, address, coordinates, "
           "size, hazard flags and dates are invented; the credit code is computed with valid check "
           "characters; the industry is a real GB/T 4754-2017 class, the five characteristic "
           "industries of seed §3 dominating")

# Outlines (lon0, lat0, lon1, lat1): streets tile the zone, parks lie inside their street.
STREETS = {
    "ST01": (116.56, 35.40, 116.62, 35.45),
    "ST02": (116.62, 35.38, 116.68, 35.45),
    "ST03": (116.56, 35.33, 116.62, 35.40),
    "ST04": (116.68, 35.33, 116.74, 35.40),
    "ST05": (116.62, 35.33, 116.68, 35.38),
}
STREET_NAMES = {"ST01": "洸河", "ST02": "柳行", "ST03": "接庄", "ST04": "王因", "ST05": "黄屯"}
# park: (street, rect, lead industry index or None); P01 and P13 keep their files.
PARKS = {
    "P01": ("ST02", (116.640, 35.380, 116.672, 35.402), 0),
    "P03": ("ST05", (116.625, 35.340, 116.650, 35.360), 1),
    "P04": ("ST04", (116.690, 35.380, 116.730, 35.395), 2),
    "P06": ("ST03", (116.570, 35.345, 116.610, 35.390), 3),
    "P07": ("ST02", (116.625, 35.405, 116.638, 35.420), 4),
    "P08": ("ST02", (116.645, 35.410, 116.670, 35.425), 4),
    "P09": ("ST05", (116.655, 35.340, 116.675, 35.355), None),
    "P10": ("ST02", (116.625, 35.430, 116.675, 35.445), None),
    "P11": ("ST05", (116.655, 35.360, 116.675, 35.375), None),
    "P13": ("ST04", (116.690, 35.360, 116.715, 35.378), 0),
}
# P06 has a hole (a reservoir); nothing is placed in it.
HOLES = {"P06": (116.585, 35.360, 116.595, 35.370)}

CHARACTERISTIC = [
    ("工程机械及智能装备", ["3511", "3514", "3517", "3431", "3432", "3491", "3492"]),
    ("汽车及零部件", ["3611", "3612", "3670", "3630"]),
    ("医药健康", ["2710", "2720", "2740", "2761", "3581"]),
    ("新材料新能源", ["2651", "3825", "3841", "3985"]),
    ("数字经济", ["6511", "6513", "6450", "3911", "6550"]),
]

SECTOR = [  # key, body, body_kind, name
    ("A", "N12", "institution", "农林牧渔业由社会事务局管理"),
    ("B", "N11", "institution", "采矿业由应急管理和生态环境局管理"),
    ("C", "N13", "institution", "制造业由经济运行局管理"),
    ("D", "N13", "institution", "电力、热力、燃气及水生产和供应业由经济运行局管理"),
    ("E", "N10", "institution", "建筑业由自然资源和规划建设局管理"),
    ("F", "N07", "institution", "批发和零售业由投资促进局管理"),
    ("G", "N10", "institution", "交通运输、仓储和邮政业由自然资源和规划建设局管理"),
    ("H", "MD06", "counterpart", "住宿和餐饮业由市场监督管理局管理"),
    ("I", "N06", "institution", "信息传输、软件和信息技术服务业由科技创新局管理"),
    ("J", "N05", "institution", "金融业由财政金融局管理"),
    ("K", "N10", "institution", "房地产业由自然资源和规划建设局管理"),
    ("L", "N07", "institution", "租赁和商务服务业由投资促进局管理"),
    ("M", "N06", "institution", "科学研究和技术服务业由科技创新局管理"),
    ("N", "N10", "institution", "水利、环境和公共设施管理业由自然资源和规划建设局管理"),
    ("O", "N12", "institution", "居民服务、修理和其他服务业由社会事务局管理"),
    ("P", "N12", "institution", "教育由社会事务局管理"),
    ("Q", "N12", "institution", "卫生和社会工作由社会事务局管理"),
    ("R", "N12", "institution", "文化、体育和娱乐业由社会事务局管理"),
    ("S", "N01", "institution", "公共管理、社会保障和社会组织由党政办公室管理"),
    ("T", "N01", "institution", "国际组织由党政办公室管理"),
    ("27", "N09", "institution", "医药制造业由企业服务局管理（医药健康产业）"),
    ("3911", "N06", "institution", "计算机整机制造由科技创新局管理（数字经济）"),
]
SPECIALIST = [  # flag, body, body_kind, basis
    ("hazardous_chemicals", "N11", "institution", "《危险化学品安全管理条例》"),
    ("special_equipment", "MD06", "counterpart", "《中华人民共和国特种设备安全法》"),
    ("dust_explosion", "N11", "institution", "《工贸企业粉尘防爆安全规定》"),
    ("confined_space", "N11", "institution", "《工贸企业有限空间作业安全规定》"),
    ("ammonia_refrigeration", "N11", "institution", "《工贸企业重大事故隐患判定标准》"),
    ("metal_smelting", "N11", "institution", "《冶金企业和有色金属企业安全生产规定》"),
]
FLAG_ZH = {"hazardous_chemicals": "危险化学品", "special_equipment": "特种设备",
           "dust_explosion": "粉尘涉爆", "confined_space": "有限空间",
           "ammonia_refrigeration": "涉氨制冷", "metal_smelting": "金属冶炼"}
LEADERS = ["王建国", "李秀英", "张伟", "刘洋", "陈静", "欧阳明华", "杨帆", "赵磊",
           "孙丽", "周强", "吴敏", "郑浩", "冯雪", "褚明", "卫东", "蒋萍"]
BASIS_GRID = "高新区安全生产网格化管理实施方案（示例〔2024〕13号）"
BASIS_SECTOR = "高新区安全生产委员会成员单位安全生产工作职责（示例〔2024〕13号），依据《中华人民共和国安全生产法》第三条“管行业必须管安全”"
BASIS_MAP = ("Illustrative mapping (scripts/gen-enterprise-demo.py): the zone's safety responsibility "
             "mapping is not stated by the article; the four parties and 管行业必须管安全 follow "
             "安全生产法 Art. 3 and domain notes §3; bodies are the demo's institutions and counterparts")

# --- credit codes (GB 32100-2015, GB 11714) ---
ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
W18 = [pow(3, i, 31) for i in range(17)]
W9 = [3, 7, 9, 10, 5, 8, 4, 2]


def org_check(body):
    s = sum(int(c, 36) * w for c, w in zip(body, W9))
    c = 11 - s % 11
    return "X" if c == 10 else "0" if c == 11 else str(c)


def credit_code(serial):
    body = f"{serial:08d}"
    head = "91370871" + body + org_check(body)
    s = sum(ALPHABET.index(c) * w for c, w in zip(head, W18))
    return head + ALPHABET[(31 - s % 31) % 31]


# --- geometry ---
def rect(r):
    x0, y0, x1, y1 = r
    return [[x0, y0], [x1, y0], [x1, y1], [x0, y1], [x0, y0]]


def inside(r, x, y):
    return r[0] < x < r[2] and r[1] < y < r[3]


def write_geojson(code, rings):
    path = os.path.join(DIR, "boundaries", f"{code}.geojson")
    feature = {"type": "Feature",
               "properties": {"code": code, "source": "illustrative",
                              "note": "示意边界,非真实坐标 / illustrative outline, not surveyed"},
               "geometry": {"type": "Polygon", "coordinates": rings}}
    with open(path, "w", encoding="utf-8") as f:
        f.write(json.dumps(feature, ensure_ascii=False, separators=(",", ":")) + "\n")


def point_in(rng, park=None, street=None):
    """A point inside the park (not in its hole), or in the street outside every park."""
    margin = 0.0005
    r = PARKS[park][1] if park else STREETS[street]
    while True:
        x = round(rng.uniform(r[0] + margin, r[2] - margin), 6)
        y = round(rng.uniform(r[1] + margin, r[3] - margin), 6)
        if park:
            if park in HOLES and inside(HOLES[park], x, y):
                continue
            return x, y
        near = any(inside((p[1][0] - margin, p[1][1] - margin, p[1][2] + margin, p[1][3] + margin), x, y)
                   for p in PARKS.values())
        if not near:
            return x, y


# --- CSV helpers: rewrite a table adding a column / cells, keeping everything else ---
def read_csv(name):
    with open(os.path.join(DIR, name), encoding="utf-8", newline="") as f:
        return list(csv.reader(f))


def write_csv(name, rows):
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerows(rows)
    with open(os.path.join(DIR, name), "w", encoding="utf-8", newline="") as f:
        f.write(buf.getvalue())


def set_boundaries():
    for code, (street, r, _) in PARKS.items():
        if code in ("P01", "P13"):
            continue
        rings = [rect(r)] + ([rect(HOLES[code])[::-1]] if code in HOLES else [])
        write_geojson(code, rings)
    for code, r in STREETS.items():
        write_geojson(code, [rect(r)])
    rows = read_csv("parks.csv")
    h = rows[0]
    ib, ic, ito = h.index("boundary"), h.index("code"), h.index("valid_to")
    for row in rows[1:]:
        if row[ic] in PARKS and row[ito] == "":
            row[ib] = f"boundaries/{row[ic]}.geojson"
    write_csv("parks.csv", rows)
    rows = read_csv("counterparts.csv")
    h = rows[0]
    if "boundary" not in h:
        at = h.index("parent") + 1
        for row in rows:
            row.insert(at, "")
        h[at] = "boundary"
    ib, ic = h.index("boundary"), h.index("code")
    for row in rows[1:]:
        if row[ic] in STREETS:
            row[ib] = f"boundaries/{row[ic]}.geojson"
    write_csv("counterparts.csv", rows)


def add_changes():
    rows = read_csv("changes.csv")
    have = {r[0] for r in rows[1:]}
    new = [
        [CHANGE, FROM, "示例〔2024〕13号", "印发安全生产责任清单和网格化管理实施方案，明确企业属地、行业、专业、综合监管责任",
         "Work-safety responsibility list and grid plan issued: territorial, sector, specialist and comprehensive duties of every enterprise",
         "illustrative", "Illustrative: the four parties follow 安全生产法 Art. 3 (domain notes §3); the document, the day and the mapping are invented (scripts/gen-enterprise-demo.py)", ""],
        [MOVE_CHANGE, MOVE_FROM, "示例〔2025〕2号", "企业名录更新：部分企业迁入新园区",
         "Enterprise register update: some enterprises moved to another park",
         "illustrative", "Illustrative (scripts/gen-enterprise-demo.py)", ""],
    ]
    rows += [r for r in new if r[0] not in have]
    write_csv("changes.csv", rows)


def add_manifest():
    path = os.path.join(DIR, "manifest.toml")
    text = open(path, encoding="utf-8").read()
    for key, file in [("safety-grids", "safety_grids.csv"), ("safety-rules", "safety_rules.csv"),
                      ("enterprises", "enterprises.csv")]:
        if f"\n{key} = " not in text:
            text = text.rstrip("\n") + f'\n{key} = "{file}"\n'
    open(path, "w", encoding="utf-8").write(text)


def grids():
    rows = [["code", "valid_from", "valid_to", "change", "name_zh", "name_en", "level", "parent",
             "person_in_charge", "parks", "streets", "rule_basis", "source", "basis", "facts"]]
    rows.append(["G1", FROM, "", CHANGE, "高新区一级网格", "Zone grid", "1", "", LEADERS[0], "", "",
                 BASIS_GRID, "illustrative", BASIS_MAP, ""])
    for i, s in enumerate(STREETS):
        rows.append([f"G1-{s}", FROM, "", CHANGE, f"{STREET_NAMES[s]}街道二级网格", f"Street grid {s}", "2", "G1",
                     LEADERS[(i + 1) % len(LEADERS)], "", s, BASIS_GRID, "illustrative", BASIS_MAP, ""])
    for i, (p, (s, _, _)) in enumerate(PARKS.items()):
        rows.append([f"G1-{s}-{p}", FROM, "", CHANGE, f"{p}园区三级网格", f"Park grid {p}", "3", f"G1-{s}",
                     LEADERS[(i + 6) % len(LEADERS)], p, "", BASIS_GRID, "illustrative", BASIS_MAP, ""])
    return rows


def rules():
    rows = [["code", "valid_from", "valid_to", "change", "name_zh", "name_en", "party", "industry", "hazard",
             "body", "body_kind", "rule_basis", "source", "basis", "facts"]]
    for key, body, kind, name in SECTOR:
        rows.append([f"SR-{key}", FROM, "", CHANGE, name, "", "sector", key, "", body, kind, BASIS_SECTOR,
                     "illustrative", BASIS_MAP, ""])
    for flag, body, kind, basis in SPECIALIST:
        rows.append([f"SP-{flag.replace('_', '-')}", FROM, "", CHANGE, f"{FLAG_ZH[flag]}专业监管", "", "specialist",
                     "", flag, body, kind, basis, "illustrative", BASIS_MAP, ""])
    rows.append(["SC", FROM, "", CHANGE, "综合监管：应急管理和生态环境局", "", "comprehensive", "", "", "N11",
                 "institution", "《中华人民共和国安全生产法》第十条（应急管理部门实施综合监督管理）", "illustrative",
                 BASIS_MAP, ""])
    return rows


WORDS = ["鲁", "宏", "泰", "运", "鼎", "华", "瑞", "恒", "信", "科", "盛", "达", "嘉", "诚", "博", "源",
         "宇", "天", "正", "隆", "新", "远", "金", "海", "明", "通", "汇", "丰", "德", "安"]
SUFFIX = {0: "机械", 1: "汽车零部件", 2: "医药", 3: "新材料", 4: "信息技术"}
ROADS = ["崇文大道", "海川路", "同济路", "开源路", "杨柳路", "康泰路", "金宇路", "诗仙路", "火炬路", "327国道"]


def enterprises(rng, classes):
    rows = [["code", "valid_from", "valid_to", "change", "name_zh", "name_en", "industry", "address", "street",
             "park", "location", "size", "hazards", "source", "basis", "facts"]]
    lead_parks = {i: [p for p, v in PARKS.items() if v[2] == i] for i in range(5)}
    park_codes = list(PARKS)
    moved = 0
    for serial in range(1, N + 1):
        lead = rng.randrange(5) if rng.random() < 0.7 else None
        industry = rng.choice(CHARACTERISTIC[lead][1]) if lead is not None else rng.choice(classes)
        if lead is not None and rng.random() < 0.8:
            park = rng.choice(lead_parks[lead])
        elif rng.random() < 0.5:
            park = rng.choice(park_codes)
        else:
            park = None
        street = PARKS[park][0] if park else rng.choice(list(STREETS))
        located = rng.random() < 0.9
        x, y = point_in(rng, park, street)
        size = rng.choices(["大型", "中型", "小型", "微型"], [4, 14, 42, 40])[0]
        chem, equip, dust = {0: (2, 15, 8), 1: (2, 15, 8), 2: (15, 8, 2), 3: (15, 8, 2), 4: (0, 2, 0)}.get(lead, (4, 8, 3))
        flags = [f for f, p in [("危险化学品", chem), ("特种设备", equip), ("粉尘涉爆", dust), ("有限空间", 3),
                                ("涉氨制冷", 1), ("金属冶炼", 1)] if rng.randrange(100) < p]
        name = "济宁" + "".join(rng.sample(WORDS, 2)) + (SUFFIX[lead] if lead is not None else "实业") + "有限公司"
        name = f"{name}（示例{serial:04d}）"
        address = f"济宁高新区{STREET_NAMES[street]}街道{rng.choice(ROADS)}{rng.randrange(1, 999)}号"
        code = credit_code(serial)
        base = [code, FROM, "", CHANGE, name, "", industry, address, street, park or "",
                f"{x:.6f},{y:.6f}" if located else "", size, "、".join(flags), "illustrative", BASIS_E, ""]
        # One in a hundred of those in a park moves to another park of its industry's
        # street in June 2025: a new version, the first one closed.
        if park and located and serial % 100 == 0:
            others = [p for p in park_codes if p != park]
            to = rng.choice(others)
            nx, ny = point_in(rng, to, None)
            first = list(base)
            first[2] = MOVE_FROM
            second = list(base)
            second[1], second[3] = MOVE_FROM, MOVE_CHANGE
            second[8], second[9], second[10] = PARKS[to][0], to, f"{nx:.6f},{ny:.6f}"
            second[7] = f"济宁高新区{STREET_NAMES[PARKS[to][0]]}街道{rng.choice(ROADS)}{rng.randrange(1, 999)}号"
            rows += [first, second]
            moved += 1
        else:
            rows.append(base)
    return rows, moved


def main():
    rng = random.Random(20241)
    with open(REF, encoding="utf-8") as f:
        classes = [r["code"] for r in csv.DictReader(f) if r["level"] == "class"]
    set_boundaries()
    add_changes()
    write_csv("safety_grids.csv", grids())
    write_csv("safety_rules.csv", rules())
    rows, moved = enterprises(rng, classes)
    write_csv("enterprises.csv", rows)
    add_manifest()
    print(f"{N} enterprises ({moved} moved in {MOVE_FROM}), {len(PARKS)} parks, {len(STREETS)} streets")


main()
