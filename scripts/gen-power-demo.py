#!/usr/bin/env python3
"""Generate data/demo/power_items.csv, the demo zone's power and responsibility list.

Input: data/seed/power-item-names.csv, real item names and the laws they rest on as
published in district-level lists. Output: the canonical flat layout (one row per
responsibility item, the item's own cells repeated on each of its rows).

The seed fact (shared/seed-facts.md §6) is the size of the list in 2023: 1,580 power
items and 3,771 responsibility items. This script reaches exactly those totals for
the items valid on 2023-12-31; everything else (which names are used, the split into
sub-items, codes, bodies, steps, dates) is illustrative and says so on every row.

Deterministic: a fixed seed, no clock, input read in file order. Regenerate with
    python3 scripts/gen-power-demo.py
and check with
    python3 scripts/check-power-demo.py
"""

import csv
import pathlib
import random
import sys

ROOT = pathlib.Path(__file__).resolve().parent.parent
SEED_FILE = ROOT / "data" / "seed" / "power-item-names.csv"
OUT_FILE = ROOT / "data" / "demo" / "power_items.csv"
RNG_SEED = 20231231

# Published district figures (处罚 2,152 of 3,064; 其他 387; 检查 197; 许可 130;
# 强制 78; 确认 43; 奖励 40; 给付 25; 征收 8; 裁决 4) scaled to 1,580, largest
# remainder rounding; CF takes the one-item rounding difference.
TARGET_ITEMS = {
    "CF": 1109,
    "QT": 200,
    "JC": 102,
    "XK": 67,
    "QZ": 40,
    "QR": 22,
    "JL": 21,
    "JF": 13,
    "ZS": 4,
    "CJ": 2,
}
TARGET_RESPONSIBILITIES = 3771
assert sum(TARGET_ITEMS.values()) == 1580

# Names people search for: never dropped when a type has more seed items than needed.
PROTECTED_WORDS = [
    "消防", "用地", "排污", "危险化学品", "特种设备", "安全生产", "燃气", "广告",
    "价格", "统计", "食品", "劳动", "施工", "规划", "环境",
]

HEADER = [
    "code", "item_type", "name", "sub_item", "body", "handling_unit", "level",
    "basis_setting", "basis_implementing", "step", "duty", "duty_basis",
    "accountability", "accountability_basis", "phone", "remarks", "valid_from",
    "valid_to", "change", "source", "basis", "facts",
]

ROW_BASIS = (
    "Names, sub-item wording and laws cited: real published names (data/seed/"
    "power-item-names.csv). Bodies, codes, units, phones, dates, sub-item split, steps "
    "and counts per type: illustrative. Totals of 1,580 power items and 3,771 "
    "responsibility items valid on 2023-12-31: seed fact (seed §6)."
)

# Bodies existing since the 2020 reform publish with C2021L; 经济运行局 (N13, added
# 2023-04-01, seed §5) joins the list with the 2023 adjustment C2023L.
PERIOD = {"N13": ("2023-06-01", "C2023L")}
DEFAULT_PERIOD = ("2021-03-01", "C2021L")

# Illustrative internal units (承办科室) by the seed's domain key.
HANDLING_UNIT = {
    "fire": "消防安全监督科",
    "firebuild": "建设工程消防审验科",
    "safety": "安全生产监督管理科",
    "hazchem": "危险化学品安全监管科",
    "env": "生态环境保护科",
    "land": "自然资源管理科",
    "plan": "规划管理科",
    "build": "建筑市场和工程质量安全科",
    "gas": "城镇燃气和市政公用科",
    "city": "城市管理科",
    "realty": "房地产和物业管理科",
    "civildef": "人民防空科",
    "water": "水务科",
    "transport": "交通运输科",
    "agri": "农业农村科",
    "market": "市场监督管理科",
    "food": "食品药品安全监管科",
    "quality": "质量和特种设备安全监管科",
    "price": "价格监督检查科",
    "stats": "统计科",
    "energy": "能源和节能科",
    "invest": "投资项目管理科",
    "finance": "财政监督科",
    "procure": "政府采购科",
    "science": "科技成果和企业创新科",
    "intl": "外商投资服务科",
    "labor": "劳动保障监察科",
    "hr": "人才和社会保障科",
    "religion": "民族宗教事务科",
    "archives": "档案和保密科",
    "edu": "教育科",
    "health": "卫生健康科",
    "civil": "民政科",
    "culture": "文化旅游体育科",
    "veterans": "退役军人服务科",
    "medins": "医疗保障科",
    "commerce": "商务科",
    "power": "运行调度科",
    "industry": "工业和信息化科",
    "park": "规划调度处",
}

# Step set per type, as in crates/zonegov-domain/src/power/catalog.rs.
STEP_SET = {
    "XK": "licensing", "CF": "penalty", "QZ": "penalty", "JC": "inspection",
    "ZS": "general", "JF": "general", "QR": "general", "JL": "general",
    "CJ": "general", "QT": "general",
}
STEPS = {
    "licensing": ["受理", "审查", "决定", "送达", "事后监管", "其他"],
    "penalty": ["立案", "调查取证", "审理", "告知", "决定", "送达", "执行", "其他"],
    "inspection": ["检查", "处置", "移送", "其他"],
    "general": ["受理", "审核", "决定", "实施", "监管", "其他"],
}
# Which steps an item with fewer rows than its set keeps, most important first.
PRIORITY = {
    "XK": ["受理", "审查", "决定", "事后监管", "送达", "其他"],
    "CF": ["决定", "调查取证", "立案", "告知", "执行", "审理", "送达", "其他"],
    "QZ": ["决定", "执行", "告知", "调查取证", "立案", "审理", "送达", "其他"],
    "JC": ["检查", "处置", "移送", "其他"],
    "QT": ["受理", "审核", "决定", "监管", "实施", "其他"],
    "QR": ["受理", "审核", "决定", "监管", "实施", "其他"],
    "JL": ["审核", "决定", "实施", "受理", "监管", "其他"],
    "JF": ["审核", "实施", "受理", "监管", "决定", "其他"],
    "ZS": ["决定", "实施", "监管", "受理", "审核", "其他"],
    "CJ": ["受理", "审核", "决定", "实施", "监管", "其他"],
}
# Rows per item are drawn around these means, then nudged to the exact total.
MEAN_STEPS = {
    "XK": 4.0, "CF": 2.3, "QZ": 2.3, "JC": 2.2, "QT": 2.3, "QR": 2.8,
    "JL": 2.5, "JF": 2.8, "ZS": 2.5, "CJ": 3.0,
}

XKF = "《中华人民共和国行政许可法》"
CFF = "《中华人民共和国行政处罚法》"
QZF = "《中华人民共和国行政强制法》"
OWN = None  # duty basis: the item's own implementing basis

# (duty text in the style of published lists, duty basis) per step.
DUTY = {
    "licensing": {
        "受理": ("受理责任：公示依法应当提交的材料；一次性告知补正材料；依法受理或不予受理（不予受理的应当告知理由）。",
               XKF + "第三十条、第三十二条"),
        "审查": ("审查责任：对申请材料进行审查，提出审查意见；需要现场核查的组织现场核查；涉及公共利益或者利害关系人重大利益的，告知申请人、利害关系人享有听证的权利。",
               XKF + "第三十四条、第三十六条、第四十七条"),
        "决定": ("决定责任：在法定期限内作出准予或者不予行政许可的书面决定（不予许可的应当说明理由，并告知申请人享有依法申请行政复议或者提起行政诉讼的权利）。",
               XKF + "第三十七条、第三十八条、第四十二条"),
        "送达": ("送达责任：准予许可的，在规定期限内向申请人颁发、送达行政许可证件，并依法予以公开。",
               XKF + "第三十九条、第四十条、第四十四条"),
        "事后监管": ("事后监管责任：建立健全监督制度，对被许可人从事行政许可事项的活动进行监督检查，发现违法行为依法查处。",
                 XKF + "第六十条、第六十一条"),
        "其他": ("其他责任：法律法规规章规定应履行的其他责任。", OWN),
    },
    "penalty": {
        "立案": ("立案责任：对在监督检查中发现、举报投诉或者其他机关移送的违法案件线索，予以审查，决定是否立案。",
               CFF + "第五十四条"),
        "调查取证": ("调查取证责任：对立案的案件指定专人负责，及时组织调查取证；执法人员不得少于两人，调查时出示执法证件，与当事人有直接利害关系的应当回避，允许当事人陈述申辩。",
                 CFF + "第四十二条、第四十三条、第五十五条、第五十六条"),
        "审理": ("审理责任：审理案件调查报告，对违法事实、证据、程序、法律适用、处罚种类和幅度、当事人陈述申辩理由等进行审查，提出处理意见；情节复杂或者重大违法行为由负责人集体讨论决定。",
               CFF + "第五十七条、第五十八条"),
        "告知": ("告知责任：作出行政处罚决定前，告知当事人拟作出的行政处罚内容及事实、理由、依据，并告知当事人依法享有的陈述、申辩、要求听证等权利。",
               CFF + "第四十四条、第六十三条"),
        "决定": ("决定责任：制作行政处罚决定书，载明违法事实和证据、处罚依据和内容、履行方式和期限、申请行政复议或者提起行政诉讼的途径和期限。",
               CFF + "第五十七条、第五十九条"),
        "送达": ("送达责任：行政处罚决定书在宣告后当场交付当事人；当事人不在场的，在七日内依照民事诉讼法的有关规定送达。",
               CFF + "第六十一条"),
        "执行": ("执行责任：监督当事人在决定的期限内履行行政处罚决定；当事人逾期不履行的，依法加处罚款或者申请人民法院强制执行。",
               CFF + "第六十七条、第七十二条"),
        "其他": ("其他责任：法律法规规章规定应履行的其他责任。", OWN),
    },
    # 行政强制 shares the penalty step set; its duties follow 行政强制法.
    "coercion": {
        "立案": ("立案（催告）责任：发现依法应当采取行政强制措施的情形，报行政机关负责人批准；实施行政强制执行前，书面催告当事人履行义务。",
               QZF + "第十八条、第三十五条"),
        "调查取证": ("调查取证责任：由两名以上行政执法人员实施，出示执法身份证件，通知当事人到场，制作现场笔录。",
                 QZF + "第十八条"),
        "审理": ("审理责任：审查采取行政强制的事实、理由和依据；情况紧急当场实施的，在二十四小时内向行政机关负责人报告并补办批准手续。",
               QZF + "第十九条"),
        "告知": ("告知责任：当场告知当事人采取行政强制的理由、依据以及当事人依法享有的权利、救济途径，听取当事人的陈述和申辩。",
               QZF + "第十八条"),
        "决定": ("决定责任：制作并当场交付查封、扣押决定书和清单，或者依法作出强制执行决定书。",
               QZF + "第二十四条、第三十七条"),
        "送达": ("送达责任：催告书、行政强制执行决定书直接送达当事人；当事人拒绝接收或者无法直接送达的，依照民事诉讼法的有关规定送达。",
               QZF + "第三十八条"),
        "执行": ("执行责任：妥善保管查封、扣押的场所、设施或者财物，在法定期限内查清事实，作出没收、销毁或者解除查封、扣押的决定。",
               QZF + "第二十六条、第二十七条、第二十八条"),
        "其他": ("其他责任：法律法规规章规定应履行的其他责任。", OWN),
    },
    "inspection": {
        "检查": ("检查责任：按照“双随机、一公开”要求制定并实施检查计划，两名以上执法人员出示执法证件依法实施检查，如实记录检查情况。",
               OWN),
        "处置": ("处置责任：对检查中发现的违法行为或者安全隐患，依法责令改正、限期整改；需要给予行政处罚的，依法立案查处。",
               OWN),
        "移送": ("移送责任：对不属于本机关职权范围的违法行为，及时移送有关部门；涉嫌犯罪的，依法移送司法机关。",
               "《行政执法机关移送涉嫌犯罪案件的规定》第三条；" + CFF + "第二十七条"),
        "其他": ("其他责任：法律法规规章规定应履行的其他责任。", OWN),
    },
    "general": {
        "受理": ("受理责任：公示办理条件、程序和需要提交的材料；材料齐全、符合法定形式的予以受理，材料不全的一次性告知需要补正的全部内容。",
               OWN),
        "审核": ("审核责任：对申请材料和有关情况进行审核，需要实地核查的组织核查，提出审核意见。", OWN),
        "决定": ("决定责任：在规定期限内作出决定；不予通过的，书面说明理由并告知救济途径。", OWN),
        "实施": ("实施责任：按照决定组织实施，将结果告知或者送达当事人，依法公开有关信息。", OWN),
        "监管": ("监管责任：加强事中事后监管，对实施情况进行跟踪检查，发现问题依法处理。", OWN),
        "其他": ("其他责任：法律法规规章规定应履行的其他责任。", OWN),
    },
}
# Type-specific wording within the general step set.
DUTY_TYPE = {
    "JF": {
        "审核": "审核责任：对申请人的家庭经济状况、身份条件等进行调查核实，并在规定范围内公示。",
        "实施": "实施（给付）责任：按照规定标准及时足额发放给付资金，实行社会化发放，并公开给付对象和标准。",
    },
    "JL": {
        "审核": "审核责任：对推荐对象的事迹材料进行审核，组织评审，提出奖励建议名单。",
        "决定": "决定责任：按程序研究确定奖励对象并予以公示，公示无异议后作出奖励决定。",
        "实施": "实施责任：颁发奖励证书或者兑现奖金，并将奖励情况记入档案。",
    },
    "ZS": {
        "决定": "决定责任：依法核定征收对象、标准和数额，向缴费义务人出具缴款通知书。",
        "实施": "实施责任：使用规定的财政票据收缴，款项全额缴入国库，不得截留、挪用。",
    },
    "CJ": {
        "审核": "审核（调查）责任：调查争议事实，收集证据，听取双方当事人陈述，先行组织调解。",
        "决定": "决定责任：调解不成的，依法作出裁决（处理决定），并告知当事人申请行政复议或者提起行政诉讼的权利。",
    },
    "QR": {
        "决定": "决定责任：在规定期限内作出确认或者不予确认的决定，出具相关证明文书；不予确认的说明理由。",
    },
}

# Accountability situations (追责情形) as published, per family, with their basis.
ACCOUNTABILITY = {
    "licensing": ([
        "对符合法定条件的行政许可申请不予受理的",
        "对不符合法定条件的申请人准予行政许可或者超越法定职权作出准予行政许可决定的",
        "对符合法定条件的申请人不予行政许可或者不在法定期限内作出准予行政许可决定的",
        "不在办公场所公示依法应当公示的材料的",
        "在受理、审查、决定行政许可过程中，未向申请人、利害关系人履行法定告知义务的",
        "在受理、审查、决定行政许可过程中索取或者收受他人财物或者谋取其他利益的",
        "不依法履行监督职责或者监督不力，造成严重后果的",
    ], XKF + "第七十二条、第七十三条、第七十四条、第七十七条；《中华人民共和国公职人员政务处分法》第三十九条"),
    "penalty": ([
        "没有法定的行政处罚依据的",
        "擅自改变行政处罚种类、幅度的",
        "违反法定的行政处罚程序的",
        "执法人员未出示执法证件或者少于两人实施调查的",
        "对当事人进行处罚不使用罚款、没收财物单据或者使用非法定部门制发的罚款、没收财物单据的",
        "将罚款、没收的违法所得或者财物截留、私分或者变相私分的",
        "利用职务上的便利，索取或者收受他人财物，将收缴罚款据为己有的",
        "对应当予以制止和处罚的违法行为不予制止、处罚，致使公民、法人或者其他组织的合法权益、公共利益和社会秩序遭受损害的",
    ], CFF + "第七十六条、第七十七条、第七十八条、第七十九条、第八十三条；《中华人民共和国公职人员政务处分法》第三十九条"),
    "coercion": ([
        "没有法律、法规依据实施行政强制的",
        "改变行政强制对象、条件、方式的",
        "违反法定程序实施行政强制的",
        "在夜间或者法定节假日实施行政强制执行的",
        "扩大查封、扣押、冻结范围的",
        "使用或者损毁查封、扣押场所、设施或者财物的",
        "在查封、扣押法定期间不作出处理决定或者未依法及时解除查封、扣押的",
        "将查封、扣押的财物截留、私分或者变相私分的",
    ], QZF + "第六十一条、第六十二条、第六十四条；《中华人民共和国公职人员政务处分法》第三十九条"),
    "inspection": ([
        "未按照规定开展监督检查或者检查中发现违法行为不依法处置的",
        "对不属于本机关管辖的违法行为或者涉嫌犯罪案件应当移送而不移送的",
        "违反规定妨碍被检查单位正常生产经营活动的",
        "泄露被检查单位商业秘密、个人隐私的",
        "在监督检查中索取或者收受他人财物或者谋取其他利益的",
        "因监督检查不力，发生重大事故或者造成严重后果的",
    ], "《中华人民共和国公职人员政务处分法》第三十九条；《中华人民共和国公务员法》第五十九条"),
    "general": ([
        "对符合条件的申请不予受理或者不在规定期限内办结的",
        "对不符合条件的予以通过、对符合条件的不予通过的",
        "未依法履行告知、公示义务的",
        "滥用职权、玩忽职守、徇私舞弊的",
        "在办理过程中索取或者收受他人财物或者谋取其他利益的",
        "不依法履行监督职责或者监督不力，造成严重后果的",
    ], "《中华人民共和国公职人员政务处分法》第三十九条；《中华人民共和国公务员法》第五十九条"),
    "payment": ([
        "对符合条件的给付申请不予受理或者拖延办理的",
        "对不符合条件的申请人批准给付或者对符合条件的申请人不予批准的",
        "截留、挤占、挪用、私分给付资金、物资的",
        "未按照规定标准和时限发放给付资金的",
        "在办理过程中索取或者收受他人财物或者谋取其他利益的",
    ], "《社会救助暂行办法》第六十六条；《中华人民共和国公职人员政务处分法》第三十九条"),
}


def accountability_family(item_type):
    return {
        "XK": "licensing", "CF": "penalty", "QZ": "coercion", "JC": "inspection",
        "JF": "payment",
    }.get(item_type, "general")


def duty_family(item_type):
    return "coercion" if item_type == "QZ" else STEP_SET[item_type]


CN_DIGITS = "零一二三四五六七八九"


def cn_number(n):
    """1..99 as written in Chinese law text (第十二项)."""
    if n < 10:
        return CN_DIGITS[n]
    tens, ones = divmod(n, 10)
    head = "" if tens == 1 else CN_DIGITS[tens]
    return head + "十" + (CN_DIGITS[ones] if ones else "")


def fail(msg):
    print(f"gen-power-demo: {msg}", file=sys.stderr)
    sys.exit(1)


def read_seed():
    with SEED_FILE.open(encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    for i, r in enumerate(rows, start=2):
        if r["item_type"] not in TARGET_ITEMS:
            fail(f"{SEED_FILE.name} line {i}: item_type {r['item_type']!r} is not a power type")
        if r["domain"] not in HANDLING_UNIT:
            fail(f"{SEED_FILE.name} line {i}: unknown domain {r['domain']!r}")
        if not r["basis_setting"] and not r["basis_implementing"]:
            fail(f"{SEED_FILE.name} line {i}: no basis")
    return rows


def sub_items(seed):
    """(sub-item name, implementing basis) per sub-item, or one (None, basis) for none."""
    implementing = seed["basis_implementing"] or seed["basis_setting"]
    if seed["sub_items"]:
        return [(s, implementing) for s in seed["sub_items"].split("；")]
    if seed["enumerated"]:
        n = int(seed["enumerated"])
        # One sub-item per enumerated 项 of the cited clause, as published lists split them.
        clause = seed["basis_setting"]
        article = clause[clause.index("》") + 1:]
        return [
            (f"违反{article}第{cn_number(k)}项规定的情形", f"{clause}第{cn_number(k)}项")
            for k in range(1, n + 1)
        ]
    return [(None, implementing)]


def choose_items(seeds, rng):
    """Per type, the seeds used and their sub-items, exactly TARGET_ITEMS per type."""
    chosen = {}
    for t, target in TARGET_ITEMS.items():
        group = [(s, sub_items(s)) for s in seeds if s["item_type"] == t]
        total = sum(len(subs) for _, subs in group)
        if total < target:
            fail(f"type {t}: the seed gives {total} items, {target} are needed")
        # Trim by dropping whole unsplit items, never a searched-for one, so no
        # enumerated article is left half-listed.
        droppable = [
            i for i, (s, subs) in enumerate(group)
            if len(subs) == 1 and not any(w in s["name"] for w in PROTECTED_WORDS)
        ]
        excess = total - target
        if excess > len(droppable):
            fail(f"type {t}: {excess} items too many, only {len(droppable)} can be dropped")
        drop = set(rng.sample(droppable, excess))
        chosen[t] = [g for i, g in enumerate(group) if i not in drop]
    return chosen


def steps_per_item(items, rng):
    """Rows per item, each within its step set, summing to TARGET_RESPONSIBILITIES."""
    counts = []
    for t, _ in items:
        size = len(STEPS[STEP_SET[t]])
        mean = MEAN_STEPS[t]
        k = round(rng.gauss(mean, 1.0))
        counts.append(max(1, min(size, k)))
    diff = TARGET_RESPONSIBILITIES - sum(counts)
    while diff != 0:
        i = rng.randrange(len(items))
        size = len(STEPS[STEP_SET[items[i][0]]])
        if diff > 0 and counts[i] < size:
            counts[i] += 1
            diff -= 1
        elif diff < 0 and counts[i] > 1:
            counts[i] -= 1
            diff += 1
    return counts


def main():
    rng = random.Random(RNG_SEED)
    seeds = read_seed()
    chosen = choose_items(seeds, rng)

    # Flatten in type order (the order of TARGET_ITEMS), main items numbered per type.
    items = []  # (type, dict)
    for t in TARGET_ITEMS:
        for main_no, (seed, subs) in enumerate(chosen[t], start=1):
            for sub_no, (sub_name, implementing) in enumerate(subs, start=1):
                sub_code = 0 if sub_name is None else sub_no
                items.append((t, {
                    "code": f"{t}{main_no:05d}{sub_code:03d}",
                    "seed": seed,
                    "sub_item": sub_name or "",
                    "basis_implementing": implementing,
                }))
    counts = steps_per_item(items, rng)

    rows = []
    accountability_of = {}
    for (t, it), k in zip(items, counts):
        seed = it["seed"]
        body = seed["body"]
        valid_from, change = PERIOD.get(body, DEFAULT_PERIOD)
        order = STEPS[STEP_SET[t]]
        keep = set(PRIORITY[t][:k])
        steps = [s for s in order if s in keep]
        fam_situations, acc_basis = ACCOUNTABILITY[accountability_family(t)]
        main = it["code"][:7]
        if main not in accountability_of:
            # Sub-items answer for the same situations as their main item.
            n_acc = rng.randint(2, min(4, len(fam_situations)))
            picked = sorted(rng.sample(range(len(fam_situations)), n_acc))
            accountability_of[main] = "\n".join(
                f"{n}.{fam_situations[i]}" for n, i in enumerate(picked, start=1)
            )
        accountability = accountability_of[main]
        own_basis = it["basis_implementing"]
        for step in steps:
            duty, duty_basis = DUTY[duty_family(t)][step]
            duty = DUTY_TYPE.get(t, {}).get(step, duty)
            rows.append({
                "code": it["code"],
                "item_type": t,
                "name": seed["name"],
                "sub_item": it["sub_item"],
                "body": body,
                "handling_unit": HANDLING_UNIT[seed["domain"]],
                "level": "区级",
                "basis_setting": seed["basis_setting"],
                "basis_implementing": own_basis,
                "step": step,
                "duty": duty,
                "duty_basis": duty_basis or own_basis,
                "accountability": accountability,
                "accountability_basis": acc_basis,
                # Subscriber numbers never start with 0: illustrative, nobody's line.
                "phone": f"0537-000{int(body[1:]):02d}00",
                "remarks": "",
                "valid_from": valid_from,
                "valid_to": "",
                "change": change,
                "source": "illustrative",
                "basis": ROW_BASIS,
                "facts": "",
            })

    OUT_FILE.parent.mkdir(parents=True, exist_ok=True)
    with OUT_FILE.open("w", encoding="utf-8", newline="") as f:
        w = csv.DictWriter(f, fieldnames=HEADER, lineterminator="\n")
        w.writeheader()
        w.writerows(rows)
    used = sum(len(v) for v in chosen.values())
    print(f"wrote {OUT_FILE.relative_to(ROOT)}: {len(items)} items from {used} of "
          f"{len(seeds)} seed names, {len(rows)} responsibility rows")


if __name__ == "__main__":
    main()
