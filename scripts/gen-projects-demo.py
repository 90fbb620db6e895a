#!/usr/bin/env python3
"""Generates the demo's investment projects, industry chains, talent and revolving
staffing quota (issue 10):

- data/demo/chain_nodes.csv   the chains of the five characteristic industries (seed §3)
- data/demo/projects.csv      the 83 十强 projects ≥ 1亿 landed since 2022 (seed §3) and
                              others that the count must leave out (landed in 2021,
                              under 1亿, not 十强, not yet signed)
- data/demo/platforms.csv     一港三基地 (seed §4) and a few illustrative platforms
- data/demo/talents.csv       the talent tiers of seed §4 (3/19/31/45/400+/45,000) and the
                              11 talents brought in through the revolving quota
- data/demo/quota_pools.csv   the revolving quota pool (its size is illustrative)
- data/demo/quota_loans.csv   the 11 loans of seed §4
- the change set CP2021 in changes.csv and the manifest lines (each added once).

Deterministic: random.Random(20242), no clock. What the seed states is marked in each
row's `facts`; everything else is illustrative and says so in `source` and `basis`.
Usage: scripts/gen-projects-demo.py [DATA_DIR]   (default data/demo)
"""
import csv
import datetime as dt
import os
import random
import sys

DIR = sys.argv[1] if len(sys.argv) > 1 else "data/demo"
R = random.Random(20242)
CHANGE = "CP2021"
CHANGE_ROW = [CHANGE, "2021-01-01", "示例〔2021〕1号",
              "建立招商项目、产业链、人才与高层次人才周转编制台账",
              "Registers of investment projects, industry chains, talent and the revolving staffing quota set up",
              "illustrative",
              "Illustrative (scripts/gen-projects-demo.py): the registers, the day and the document are invented; what they record follows seed §3-4", ""]
DATA_END = dt.date(2024, 11, 30)  # the article's time: late 2024
BASIS_P = ("Illustrative project (scripts/gen-projects-demo.py): name, investor, amount, park, chain node, "
           "stage dates, officer and problems are invented; it stands for one of the 83 十强 projects of "
           "at least 1亿 landed since 2022 (seed §3), hence `existence`")
BASIS_X = ("Illustrative project (scripts/gen-projects-demo.py), not one of the 83 of seed §3: "
           "everything in it is invented")

INDUSTRIES = {
    # code: (十强, home park, name stem)
    "I1": ("T02", "P01", ["智能起重装备", "高端液压件", "盾构装备", "矿山机械", "工业机器人", "智能传动"]),
    "I2": ("T02", "P03", ["新能源整车", "汽车电子", "动力电池包", "专用车改装", "轻量化车身", "热管理系统"]),
    "I3": ("T05", "P04", ["创新药制剂", "原料药绿色制造", "生物药", "医疗器械", "现代中药", "靶向制剂"]),
    "I4": ("T03", "P06", ["光伏组件", "锂电材料", "高性能树脂", "储能系统", "氢能装备", "复合材料"]),
    "I5": ("T01", "P07", ["工业软件", "数据中心", "工业互联网平台", "电子材料", "智能终端", "信息系统集成"]),
}

# (code, industry, segment, sort, name, classes, weak)
NODES = [
    ("I1U1", "I1", "上游", 1, "液压件与动力元件", "3444", True),
    ("I1U2", "I1", "上游", 2, "轴承与传动部件", "3451|3453", False),
    ("I1M1", "I1", "中游", 1, "工程机械整机", "3511|3514|3517", False),
    ("I1M2", "I1", "中游", 2, "起重与物料搬运设备", "3431|3432", False),
    ("I1M3", "I1", "中游", 3, "工业与特种机器人", "3491|3492", False),
    ("I1D1", "I1", "下游", 1, "工程机械租赁与再制造", "7113", False),
    ("I2U1", "I2", "上游", 1, "动力电池", "3841", False),
    ("I2M1", "I2", "中游", 1, "汽车零部件", "3670", False),
    ("I2M2", "I2", "中游", 2, "整车制造", "3611|3612", False),
    ("I2M3", "I2", "中游", 3, "专用车改装", "3630", False),
    ("I2D1", "I2", "下游", 1, "汽车后市场服务", "8111", False),
    ("I2D2", "I2", "下游", 2, "新能源汽车充换电服务", "5267", False),
    ("I3U1", "I3", "上游", 1, "原料药", "2710", False),
    ("I3M1", "I3", "中游", 1, "化学制剂", "2720", False),
    ("I3M2", "I3", "中游", 2, "生物药与中成药", "2740|2761", False),
    ("I3M3", "I3", "中游", 3, "医疗器械", "3581", False),
    ("I3D1", "I3", "下游", 1, "医药研发外包服务", "7340", True),
    ("I4U1", "I4", "上游", 1, "合成树脂与复合材料", "2651", False),
    ("I4M1", "I4", "中游", 1, "光伏设备及元器件", "3825", False),
    ("I4M2", "I4", "中游", 2, "锂电池", "3841", False),
    ("I4D1", "I4", "下游", 1, "光伏发电与储能应用", "4416", False),
    ("I4D2", "I4", "下游", 2, "储能电站运营", "4419", False),
    ("I5U1", "I5", "上游", 1, "电子专用材料", "3985", True),
    ("I5M1", "I5", "中游", 1, "软件开发", "6511|6513", False),
    ("I5M2", "I5", "中游", 2, "信息系统集成", "6531", False),
    ("I5M3", "I5", "中游", 3, "集成电路设计", "6520", False),
    ("I5D1", "I5", "下游", 1, "数据与工业互联网服务", "6450|6550", False),
]
GAP_NODES = {"I1D1", "I2D2", "I4D2", "I5M3"}  # no demo enterprise has their classes
NODE_FROM = "2021-01-01"
ANCHOR_FROM = "2024-09-01"  # anchors named with the 2024 integration plan (产业链+专业园)


def day(s):
    return dt.date.fromisoformat(s)


def write(name, header, rows):
    with open(os.path.join(DIR, name), "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(header)
        w.writerows(rows)


def enterprises():
    """Demo enterprises valid from 2024-09-01 on without a later move: (code, class, park)."""
    out, moved = [], set()
    with open(os.path.join(DIR, "enterprises.csv"), encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    for r in rows:
        if r["valid_from"] != "2024-09-01":
            moved.add(r["code"])
    for r in rows:
        if r["valid_from"] == "2024-09-01" and not r["valid_to"] and r["code"] not in moved:
            out.append((r["code"], r["industry"], r["park"]))
    return out


def chain_nodes(ents):
    rows = []
    present = {e[1] for e in ents}
    for code, _, _, _, _, classes, _ in NODES:
        if code in GAP_NODES and present & set(classes.split("|")):
            raise SystemExit(f"{code}: a demo enterprise has one of its classes {classes}")
    for code, ind, seg, sort, name, classes, weak in NODES:
        first = [e[0] for e in ents if e[1] in classes.split("|")]
        basis = ("Illustrative chain node (scripts/gen-projects-demo.py): the five industries are seed §3; "
                 "the nodes, their GB/T 4754-2017 classes and the anchor firms are invented")
        common = [classes, "", "", "true" if weak else "false", "illustrative", basis, "industry"]
        if first:
            rows.append([code, NODE_FROM, ANCHOR_FROM, CHANGE, name, ind, seg, sort] + common)
            # Anchors (链主) are left empty in the demo: a fixture that swaps the
            # enterprise register (the safety tests' planted one) would otherwise
            # hold references to enterprises it does not have.
            anchors = ""
            rows.append([code, ANCHOR_FROM, "", CHANGE, name, ind, seg, sort,
                         classes, "", anchors, "true" if weak else "false", "illustrative", basis, "industry"])
        else:
            rows.append([code, NODE_FROM, "", CHANGE, name, ind, seg, sort] + common)
    write("chain_nodes.csv", ["code", "valid_from", "valid_to", "change", "name_zh", "industry", "segment",
                              "sort", "classes", "enterprises", "anchors", "weak", "source", "basis", "facts"], rows)


STAGE_COLS = ["stage_lead", "stage_pitch", "stage_talks", "stage_signed", "stage_pre_start",
              "stage_started", "stage_funded", "stage_operating"]
GAPS_AFTER = [(20, 60), (30, 90), (30, 120), (30, 60), (30, 90), (60, 180), (150, 400)]


def stages_until(signed, last_stage=7):
    """Dates of every stage, signing on `signed`, kept up to DATA_END."""
    d = [None] * 8
    d[3] = signed
    for i in (2, 1, 0):
        d[i] = d[i + 1] - dt.timedelta(days=R.randint(*GAPS_AFTER[i]))
    for i in range(4, last_stage + 1):
        d[i] = d[i - 1] + dt.timedelta(days=R.randint(*GAPS_AFTER[i - 1]))
    return [x.isoformat() if x is not None and x <= DATA_END else "" for x in d]


def amount_text(yuan):
    if yuan % 100_000_000 == 0:
        return f"{yuan // 100_000_000}亿元"
    if yuan >= 100_000_000 and R.random() < 0.5:
        return f"{yuan / 100_000_000:g}亿元".replace("亿元", "亿元")
    return f"{yuan // 10_000}万元"


HEADER = ["code", "valid_from", "valid_to", "change", "name_zh", "real_name", "investor_code", "investor_name",
          "amount", "ten_strong", "industry", "park", "chain_node", "chain_role", *STAGE_COLS, "officer",
          "problems", "source", "basis", "facts"]

PROBLEMS = [
    ("签约", "用地指标未落实", "自然资源和规划建设局协调增补用地指标"),
    ("拟开工", "环评批复未取得", "应急管理和生态环境局提前介入指导,并联审批"),
    ("开工", "施工用电接入滞后", "企业服务局协调供电公司专线接入"),
    ("到资", "外资到位进度慢", "财政金融局对接银行开展跨境融资"),
]


def role_for(node):
    if node in GAP_NODES:
        return "补链"
    weak = {n[0] for n in NODES if n[6]}
    return "强链" if node in weak else R.choice(["延链", "强链", "补链"])


def project_row(code, name, ind, amount, signed, last_stage, *, park=None, ten=True, node=True,
                source="illustrative", basis=BASIS_P, facts="existence", investor=None, real_name=""):
    ten_strong, home, _ = INDUSTRIES[ind]
    st = stages_until(signed, last_stage) if signed else None
    # Landed projects sit on nodes the zone already has; the gap nodes are left to
    # the pipeline projects that address them.
    nodes = [n[0] for n in NODES if n[1] == ind and n[0] not in GAP_NODES]
    chain = R.choice(nodes) if node else ""
    problems = ""
    if st and R.random() < 0.25:
        stage, text, how = R.choice(PROBLEMS)
        i = ["线索", "推介", "在谈", "签约", "拟开工", "开工", "到资", "竣工投产"].index(stage)
        if st[i]:
            raised = day(st[i]) + dt.timedelta(days=R.randint(3, 20))
            resolved = raised + dt.timedelta(days=R.randint(10, 60))
            if raised <= DATA_END:
                res = f"|{resolved.isoformat()}|{how}" if resolved <= DATA_END else ""
                problems = f"{stage}|{raised.isoformat()}|{text}{res}"
    return [code, st[0] if st else "", "", CHANGE, name, real_name, investor or "",
            "" if investor else f"示例投资方{code}有限公司", amount, ten_strong if ten else "", ind,
            park or home, chain, role_for(chain) if chain else "", *(st or [""] * 8),
            f"投资促进局项目专员{R.randint(1, 12):02d}", problems, source, basis, facts]


def projects(ents):
    rows = []
    # Seed §3: the two named projects (amount and name stated; dates, park, node invented).
    named_basis = ("Seed §3 states the name and the amount ({}); the investor's entry, industry classes, park, "
                   "chain node, stage dates and officer are illustrative")
    r = project_row("XM0001", "日本小松全球智能制造产业基地", "I1", "106亿元", day("2022-05-18"), 6,
                    source="illustrative", basis=named_basis.format("106亿元, Komatsu's third smart-manufacturing base"),
                    facts="existence;name_zh;amount;ten_strong")
    r[7] = "小松(中国)投资有限公司"
    r[12], r[13] = "I1M1", "强链"
    rows.append(r)
    r = project_row("XM0002", "长城新能源工程机械总部基地", "I1", "116亿元", day("2023-03-09"), 5,
                    basis=named_basis.format("116亿元, the Great Wall group's second headquarters base"),
                    facts="existence;name_zh;amount;ten_strong")
    r[7] = "长城控股集团"
    r[12], r[13] = "I1M1", "强链"
    rows.append(r)
    # 81 more, landed 2022-2024: 27 a year less the named ones.
    per_year = {2022: 26, 2023: 27, 2024: 28}
    n = 3
    for year, count in per_year.items():
        for _ in range(count):
            ind = R.choice(list(INDUSTRIES))
            stem = R.choice(INDUSTRIES[ind][2])
            last_day = dt.date(year, 12, 31) if year < 2024 else dt.date(2024, 11, 20)
            start = dt.date(year, 1, 10)
            signed = start + dt.timedelta(days=R.randint(0, (last_day - start).days))
            yuan = R.choice([R.randint(10, 300) * 10_000_000, R.randint(1, 50) * 100_000_000])
            park = R.choice([None, None, None, "P08", "P10", "P11"])
            rows.append(project_row(f"XM{n:04d}", f"{stem}项目(示例{n:03d})", ind, amount_text(yuan),
                                    signed, 7 if year == 2022 else R.randint(5, 7), park=park))
            n += 1
    # Not counted: landed in 2021 (before the seed's window; no chain node then).
    for i in range(5):
        ind = R.choice(list(INDUSTRIES))
        rows.append(project_row(f"XM{n:04d}", f"{INDUSTRIES[ind][2][0]}一期项目(示例{n:03d})", ind,
                                f"{R.randint(2, 20)}亿元", day(f"2021-0{i + 3}-15"), 7, node=False,
                                basis=BASIS_X, facts=""))
        # Its lead came before 2022, and the chain register starts in 2022.
        n += 1
    # Not counted: under 1亿.
    for _ in range(6):
        ind = R.choice(list(INDUSTRIES))
        rows.append(project_row(f"XM{n:04d}", f"{R.choice(INDUSTRIES[ind][2])}配套项目(示例{n:03d})", ind,
                                f"{R.randint(20, 99) * 100}万元", day("2023-06-01") + dt.timedelta(days=R.randint(0, 400)),
                                R.randint(4, 7), basis=BASIS_X, facts=""))
        n += 1
    # Not counted: ≥ 1亿 but not a 十强 project.
    for _ in range(3):
        ind = R.choice(list(INDUSTRIES))
        rows.append(project_row(f"XM{n:04d}", f"产业服务综合体项目(示例{n:03d})", ind, f"{R.randint(2, 9)}亿元",
                                day("2023-02-01") + dt.timedelta(days=R.randint(0, 500)), 5, ten=False,
                                basis=BASIS_X, facts=""))
        n += 1
    # Not counted: still in the pipeline on 2024-12-31 (some stalled, two confidential,
    # several addressing gap nodes).
    gap_nodes = sorted(GAP_NODES)
    for i in range(14):
        ind = R.choice(list(INDUSTRIES))
        stage_count = R.randint(1, 3)
        lead = day("2024-01-05") + dt.timedelta(days=R.randint(0, 250))
        st = [lead]
        for g in GAPS_AFTER[: stage_count - 1]:
            st.append(st[-1] + dt.timedelta(days=R.randint(*g)))
        cells = [d.isoformat() if d <= DATA_END else "" for d in st] + [""] * (8 - len(st))
        node = gap_nodes[i % len(gap_nodes)] if i < 8 else R.choice([x[0] for x in NODES if x[1] == ind])
        if i < 8:
            ind = node[:2]
        name = f"{R.choice(INDUSTRIES[ind][2])}招引项目(示例{n:03d})"
        real = ""
        if i in (2, 9):
            real, name = name.replace("示例", "示例真实名称"), f"项目代号-{['星河', '远航'][i % 2]}"
        investor = None
        home = INDUSTRIES[ind][1]
        # Investors are new names only: an investor given by credit code must be in
        # the register on every day of the project, and the demo register starts on
        # 2024-09-01 (the import checks codes against the stored register).
        yuan = R.randint(5, 200) * 10_000_000
        rows.append([f"XM{n:04d}", cells[0], "", CHANGE, name, real, investor or "",
                     "" if investor else f"示例投资方XM{n:04d}有限公司", amount_text(yuan), INDUSTRIES[ind][0], ind, home,
                     node, role_for(node), *cells, f"投资促进局项目专员{R.randint(1, 12):02d}", "",
                     "illustrative", BASIS_X, ""])
        n += 1
    for row in rows:
        if not row[1]:
            raise SystemExit(f"{row[0]}: no first stage date")
    write("projects.csv", HEADER, rows)
    return rows


def platforms():
    base = ("Seed §4 names 一港三基地 and this base; its dates are illustrative "
            "(scripts/gen-projects-demo.py)")
    ill = "Illustrative platform (scripts/gen-projects-demo.py): name, kind, host and dates invented"
    rows = [
        ["PF01", "2021-01-01", "", CHANGE, "蓼河国际英才港", "一港三基地", "", "", "illustrative", base, "existence;name_zh;kind"],
        ["PF02", "2021-01-01", "", CHANGE, "国家创新人才培养示范基地", "一港三基地", "", "", "illustrative", base, "existence;name_zh;kind"],
        ["PF03", "2021-01-01", "", CHANGE, "省级专家服务基地", "一港三基地", "", "", "illustrative", base, "existence;name_zh;kind"],
        ["PF04", "2021-01-01", "", CHANGE, "市级人才教育基地", "一港三基地", "", "", "illustrative", base, "existence;name_zh;kind"],
        ["PF05", "2021-01-01", "", CHANGE, "工程机械智能控制重点实验室(示例)", "重点实验室", "", "P01", "illustrative", ill, ""],
        ["PF06", "2021-01-01", "", CHANGE, "靶向递药院士工作站(示例)", "院士工作站", "", "P04", "illustrative", ill, ""],
        ["PF07", "2021-01-01", "", CHANGE, "新能源汽车产业创新中心(示例)", "产业创新中心", "", "P03", "illustrative", ill, ""],
    ]
    write("platforms.csv", ["code", "valid_from", "valid_to", "change", "name_zh", "kind", "enterprise", "park",
                            "source", "basis", "facts"], rows)


# The 11 talents of seed §4 through the revolving quota: (tier, field, platform, project, body, lent, returned)
QUOTA_TALENTS = [
    ("national", "智能控制", "PF05", "", "N06", "2021-03-01", ""),
    ("national", "液压传动", "PF05", "", "N06", "2021-09-01", ""),
    ("taishan", "靶向递药", "PF06", "", "N06", "2022-02-15", ""),
    ("taishan", "新能源汽车热管理", "PF07", "", "N09", "2022-06-01", "2024-06-01"),
    ("national", "工业软件", "PF02", "XM0001", "N07", "2022-09-01", ""),
    ("taishan", "锂电材料", "PF03", "", "N06", "2023-01-10", ""),
    ("taishan", "生物药", "PF06", "", "N09", "2023-04-01", ""),
    ("national", "工程机械再制造", "PF01", "XM0002", "N07", "2023-07-01", ""),
    ("taishan", "光伏材料", "PF03", "", "N06", "2023-11-01", ""),
    ("taishan", "数据中心", "PF02", "", "N13", "2024-03-01", ""),
    ("taishan", "医疗器械", "PF04", "", "N09", "2024-05-20", "2024-11-01"),
]


def talents():
    fact = "Seed §4 states the count of this tier"
    split = ("Seed §4 states the tier's total ({}); how many of them are the individually recorded quota "
             "talents of talents.csv and how many this count holds is illustrative (scripts/gen-projects-demo.py)")
    nat = sum(1 for t in QUOTA_TALENTS if t[0] == "national")
    tai = sum(1 for t in QUOTA_TALENTS if t[0] == "taishan")
    header = ["code", "valid_from", "valid_to", "change", "name_zh", "name_en", "tier", "person", "count",
              "at_least", "platform", "project", "enterprise", "source", "basis", "facts"]
    rows = [
        ["TC01", "2024-01-01", "", CHANGE, "诺贝尔奖获得者(累计引进)", "Nobel laureates (accumulated)", "nobel", "", 3, "false", "", "", "", "illustrative", fact + "; the record's day is illustrative", "existence;name_zh;tier;count"],
        ["TC02", "2024-01-01", "", CHANGE, "海内外合作院士(累计)", "Cooperating academicians (accumulated)", "academician", "", 19, "false", "", "", "", "illustrative", fact + "; the record's day is illustrative", "existence;name_zh;tier;count"],
        ["TC03", "2024-01-01", "", CHANGE, "国家级重点人才工程人选(未单列者)", "National programme selectees (not listed individually)", "national", "", 31 - nat, "false", "", "", "", "illustrative", split.format(31), "existence;tier"],
        ["TC04", "2024-01-01", "", CHANGE, "省泰山系列工程人才(未单列者)", "Taishan series talents (not listed individually)", "taishan", "", 45 - tai, "false", "", "", "", "illustrative", split.format(45), "existence;tier"],
        ["TC05", "2024-01-01", "", CHANGE, "其他省市级重点人才工程人选", "Other provincial and municipal programme selectees", "provincial", "", 400, "true", "", "", "", "illustrative", fact + " (400余名: at least 400); the record's day is illustrative", "existence;name_zh;tier;count"],
        ["TC06", "2024-01-01", "", CHANGE, "产业技能人才", "Industrial skilled workers", "skilled", "", 45000, "false", "", "", "", "illustrative", fact + " (4.5万人); the record's day is illustrative", "existence;name_zh;tier;count"],
    ]
    loans = []
    for i, (tier, field, platform, project, body, lent, returned) in enumerate(QUOTA_TALENTS, start=1):
        code = f"TQ{i:02d}"
        basis = ("One of the 11 high-level talents brought in through the revolving quota (seed §4, hence "
                 "`existence`); the person's name, field, tier, platform, dates and body are illustrative")
        rows.append([code, lent, "", CHANGE, f"{field}方向高层次人才", "", tier, f"示例人才{i:02d}号", "", "",
                     platform, project, "", "illustrative", basis, "existence"])
        term_end = (day(lent) + dt.timedelta(days=5 * 365)).isoformat()
        loans.append([f"QL{i:02d}", lent, returned, CHANGE, f"周转编制借用 {code}", body, code, term_end,
                      "illustrative", basis.replace("the person's name, field, tier, platform", "the term"), "existence"])
    # Tier totals must still be the seed's, counted from the rows.
    total = {}
    for r in rows:
        total[r[6]] = total.get(r[6], 0) + (r[8] if r[8] != "" else 1)
    assert total == {"nobel": 3, "academician": 19, "national": 31, "taishan": 45, "provincial": 400,
                     "skilled": 45000}, total
    write("talents.csv", header, rows)
    write("quota_loans.csv", ["code", "valid_from", "valid_to", "change", "name_zh", "body", "talent", "term_end",
                              "source", "basis", "facts"], loans)
    pool_basis = ("Illustrative (scripts/gen-projects-demo.py): seed §4 states the revolving quota for high-level "
                  "talent (高层次人才周转编制) and the 11 talents it brought in; the pool's size and decisions are invented")
    write("quota_pools.csv", ["code", "valid_from", "valid_to", "change", "name_zh", "size", "source", "basis", "facts"], [
        ["QP01", "2021-01-01", "2023-01-01", CHANGE, "高层次人才周转编制池", 8, "illustrative", pool_basis, "existence;name_zh"],
        ["QP01", "2023-01-01", "", CHANGE, "高层次人才周转编制池", 12, "illustrative", pool_basis, "existence;name_zh"],
    ])


def append_once(path, line, marker):
    with open(path, encoding="utf-8") as f:
        text = f.read()
    if marker in text:
        return
    if not text.endswith("\n"):
        text += "\n"
    with open(path, "w", encoding="utf-8") as f:
        f.write(text + line)


def main():
    ents = enterprises()
    chain_nodes(ents)
    projects(ents)
    platforms()
    talents()
    buf = []
    w = csv.writer(type("W", (), {"write": lambda self, s: buf.append(s)})(), lineterminator="\n")
    w.writerow(CHANGE_ROW)
    append_once(os.path.join(DIR, "changes.csv"), "".join(buf), CHANGE + ",")
    manifest = os.path.join(DIR, "manifest.toml")
    for key, file in [("chain-nodes", "chain_nodes.csv"), ("projects", "projects.csv"),
                      ("platforms", "platforms.csv"), ("talents", "talents.csv"),
                      ("quota-pools", "quota_pools.csv"), ("quota-loans", "quota_loans.csv")]:
        append_once(manifest, f'{key} = "{file}"\n', f'{key} = ')


if __name__ == "__main__":
    main()
