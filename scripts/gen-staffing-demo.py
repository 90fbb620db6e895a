#!/usr/bin/env python3
"""Generates data/demo/staffing.csv: one 三定 (定职能、定机构、定编制) per current body
of the demo zone — N01..N13 and the two centers (园区发展服务中心 N08, 社会治理服务中心
S01) — one row per version.

Deterministic: no randomness, no clock; run it again and the file is byte-identical.

What is fact and what is not: nothing here is stated by the article except that
园区发展服务中心 has a 综合处 (seed §5). Functions, units, leadership posts, who holds
which quota and every person's name are illustrative, and every row says so
(`source = illustrative`). Names are made up from common surnames and given-name
characters; none is a person the article quotes. Functions cite real codes of the
demo power list (data/demo/power_items.csv): the items of the same body, spread over its
list in code order. Quotas are not repeated here: they are the institution's
(institutions.csv `quota_*`); occupancy stays below them so that every body has
vacancies to show.

Usage: scripts/gen-staffing-demo.py [OUT]   (default data/demo/staffing.csv)
"""
import csv
import sys

DEMO = "data/demo"
SURNAMES = "王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董萧程曹袁邓许傅沈曾彭吕苏卢蒋蔡贾丁魏薛叶阎余潘杜戴夏钟汪田任姜范方石姚谭廖邹熊金陆郝孔白崔康毛邱秦江史顾侯邵孟龙万段"
GIVEN = "子涵浩然宇轩欣怡梓萱俊杰嘉怡思远明轩雨桐文博晨曦一鸣佳琪志强建华丽娟海燕晓东国栋春梅秀英立新红霞"
# People the article quotes must never appear as records (seed §7).
QUOTED = {"蒙婷", "付永强", "李明丽", "张进宝", "刘伟宏"}

# code: (title zh, title en, units, functions (zh text; items cited per function))
BODIES = {
    "N01": ("党政办公室", "Party and Government Office", ["综合科", "文电科", "督查科"],
            ["负责党工委、管委会日常运转和文电、会务、机要、保密工作",
             "负责重要决策部署的督查督办",
             "负责政务公开、信访和对外联络工作"]),
    "N02": ("党工委组织部", "Organisation Department", ["组织科", "干部科", "人才科"],
            ["负责基层党组织建设和党员教育管理",
             "负责干部队伍建设和机构编制管理",
             "负责人才工作统筹和高层次人才周转编制使用"]),
    "N03": ("党群工作部", "Party-Masses Work Department", ["宣传科", "统战科", "群团科"],
            ["负责宣传思想和精神文明建设工作",
             "负责统一战线和群团工作"]),
    "N04": ("经济发展局", "Economic Development Bureau", ["综合规划科", "价格科", "统计科"],
            ["负责拟订国民经济和社会发展规划并组织实施",
             "负责固定资产投资管理和重大项目统筹",
             "负责价格管理和统计工作"]),
    "N05": ("财政金融局", "Finance Bureau", ["预算科", "国库科", "金融科"],
            ["负责财政预算编制和执行管理",
             "负责国有资产和政府债务管理",
             "负责地方金融服务和风险防范"]),
    "N06": ("科技创新局", "Science and Innovation Bureau", ["创新平台科", "成果转化科"],
            ["负责科技创新平台建设和高新技术企业培育",
             "负责科技成果转化和知识产权工作"]),
    "N07": ("投资促进局", "Investment Promotion Bureau", ["招商一科", "招商二科", "项目服务科"],
            ["负责招商引资规划和重点产业链招商",
             "负责签约项目跟踪服务和落地推进"]),
    "N08": ("园区发展服务中心", "Park Development Service Center", ["综合处", "规划调度处", "对外联络处"],
            ["负责各园区的统一规划和调度",
             "负责园区对外宣传和统一发声",
             "负责园区考核评价和整合提升"]),
    "N09": ("企业服务局", "Enterprise Service Bureau", ["企业服务科", "市场监管科", "行政审批科"],
            ["负责企业全生命周期服务和营商环境建设",
             "负责市场主体登记和市场监督管理",
             "负责行政审批服务"]),
    "N10": ("自然资源和规划建设局", "Natural Resources, Planning and Construction Bureau", ["规划科", "国土科", "建设管理科", "消防审验科"],
            ["负责国土空间规划和土地供应管理",
             "负责建设工程规划许可和建筑市场监管",
             "负责建设工程消防设计审查和验收"]),
    "N11": ("应急管理和生态环境局", "Emergency Management and Environment Bureau", ["安全生产科", "应急救援科", "生态环境科"],
            ["负责安全生产综合监督管理",
             "负责应急救援和防灾减灾",
             "负责生态环境保护和污染防治"]),
    "N12": ("社会事务局", "Social Affairs Bureau", ["教育科", "卫生健康科", "民政科", "人社科"],
            ["负责教育、卫生健康事务管理",
             "负责民政、社会保障和就业服务",
             "负责劳动保障监察"]),
    "N13": ("经济运行局", "Economic Operation Bureau", ["运行监测科", "工业科"],
            ["负责经济运行监测分析和调度",
             "负责工业经济和企业技术改造"]),
    "S01": ("社会治理服务中心", "Social Governance Service Center", ["网格管理科", "矛盾调处科"],
            ["负责网格化服务管理和12345热线诉求办理",
             "负责矛盾纠纷多元化解"]),
}
# N04 was renamed 发展改革局 with the 统计局 plate on 2023-04-01 (C2023B): its 三定
# gets a new version with the new title; everything else carries over.
RENAMES = {"N04": ("2023-04-01", "C2023B", "发展改革局(统计局)", "Development and Reform Bureau (Statistics Bureau)")}
ITEMS_PER_FUNCTION = 3
BASIS = ("Illustrative: the 三定's functions, units, leadership posts, occupancy and names are invented "
         "(scripts/gen-staffing-demo.py); functions cite codes of the demo power list; quotas are the institution's. "
         "Seed §5 states only that 园区发展服务中心 has a 综合处.")


def read(name):
    with open(f"{DEMO}/{name}", newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))


def names():
    """An endless supply of distinct made-up names, in a fixed order."""
    given = [GIVEN[i:i + 2] for i in range(0, len(GIVEN) - 1, 2)]
    i = 0
    seen = set()
    while True:
        s = SURNAMES[i % len(SURNAMES)]
        g = given[(i * 7) % len(given)]
        i += 1
        n = s + (g if i % 3 else g[0])
        if n in QUOTED or n in seen:
            continue
        seen.add(n)
        yield n


def main(out):
    bodies = {}
    for r in read("institutions.csv"):
        if r["code"] in BODIES and not r["valid_to"]:
            bodies[r["code"]] = r
    first = {}
    for r in read("institutions.csv"):
        if r["code"] in BODIES:
            first.setdefault(r["code"], r)
    items = {}
    for r in read("power_items.csv"):
        items.setdefault(r["body"], [])
        if r["code"] not in items[r["body"]]:
            items[r["body"]].append(r["code"])
    supply = names()
    rows = []
    for code, (title_zh, title_en, units, functions) in BODIES.items():
        inst = bodies[code]
        quota = {
            "行政编制": int(inst["quota_administrative"] or 0),
            "事业编制": int(inst["quota_public_service"] or 0),
            "人员控制数": int(inst["quota_headcount"] or 0),
        }
        # Spread over the body's list (in code order) so that several item types show.
        own = sorted(items.get(code, []))
        want = len(functions) * ITEMS_PER_FUNCTION
        step = max(1, len(own) // want) if own else 1
        cited = own[::step][:want]
        fn_cells = []
        for i, text in enumerate(functions):
            codes = cited[i * ITEMS_PER_FUNCTION:(i + 1) * ITEMS_PER_FUNCTION]
            fn_cells.append(text + (f"[{';'.join(codes)}]" if codes else ""))
        deputies = 2 if sum(quota.values()) < 20 else 3
        posts = {"正职": 1, "副职": deputies, "内设机构负责人": len(units)}
        # Leaders first, on the body's main quota type; then staff, leaving
        # vacancies: one place of each type with a quota of 4 or more stays empty,
        # two where the quota is 10 or more.
        main = "行政编制" if quota["行政编制"] else "事业编制"
        people = []
        people.append((next(supply), "正职", "", main))
        for _ in range(deputies):
            people.append((next(supply), "副职", "", main))
        for u in units:
            people.append((next(supply), "内设机构负责人", u, main))
        used = {t: 0 for t in quota}
        used[main] = len(people)
        for t, q in quota.items():
            keep = q - (2 if q >= 10 else 1 if q >= 4 else 0)
            k = 0
            while used[t] < keep:
                people.append((next(supply), "", units[k % len(units)], t))
                used[t] += 1
                k += 1
        for t, q in quota.items():
            assert used[t] <= q, (code, t, used[t], q)
        occ = "|".join(";".join(p) for p in people)
        versions = [(first[code]["valid_from"], first[code]["change"], title_zh, title_en)]
        if code in RENAMES:
            versions.append(RENAMES[code])
        for i, (start, change, zh, en) in enumerate(versions):
            end = versions[i + 1][0] if i + 1 < len(versions) else ""
            rows.append({
                "code": code, "valid_from": start, "valid_to": end, "change": change,
                "name_zh": f"{zh}主要职责、内设机构和人员编制规定",
                "name_en": f"{en}: functions, internal units and staffing",
                "functions": "|".join(fn_cells),
                "units": "|".join(units),
                "posts": "|".join(f"{k}={v}" for k, v in posts.items()),
                "occupancy": occ,
                "source": "illustrative", "basis": BASIS, "facts": "",
            })
    cols = ["code", "valid_from", "valid_to", "change", "name_zh", "name_en", "functions", "units",
            "posts", "occupancy", "source", "basis", "facts"]
    with open(out, "w", newline="", encoding="utf-8") as f:
        w = csv.DictWriter(f, fieldnames=cols, lineterminator="\n")
        w.writeheader()
        w.writerows(rows)


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else f"{DEMO}/staffing.csv")
