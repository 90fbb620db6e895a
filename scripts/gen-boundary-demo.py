#!/usr/bin/env python3
"""Generates data/demo/boundary_items.csv: the duty-boundary list (职责边界清单) of the
demo zone, 47 items in 6 categories (seed-facts §6), one row per party per step.

Deterministic: no randomness, no clock; run it again and the file is byte-identical.

What is fact and what is not: the count (47 items, 6 categories) and three category
names (土地保障, 科技人才交流, 安全生产) are stated by the article, so those rows list
`category` in `facts`. The other three category names, the split of 47 over the six
categories, every item name, step, party, duty, basis and date are illustrative,
chosen to be plausible splits between the zone's bodies (data/demo institutions and
counterparts). Every row is `source = illustrative`.

Usage: scripts/gen-boundary-demo.py [OUT]   (default data/demo/boundary_items.csv)
"""
import csv
import sys

CHANGE = "CB2023"
VALID_FROM = "2023-10-01"
# Territorial parties are written as lists write them, 属地 ("the street, park or
# county where the matter arises"); `zonegov who` resolves them from the place.
LOCAL = "属地"

# category zh, en, stated by the article?, item names
CATEGORIES = [
    ("土地保障", "Land supply", True, [
        "建设项目用地预审与选址", "土地征收前期工作", "征收补偿安置", "土地储备与供应",
        "闲置土地认定与处置", "违法用地查处", "临时用地审批与复垦", "不动产首次登记协调",
        "工业用地亩产效益评价",
    ]),
    ("科技人才交流", "Science and talent exchange", True, [
        "高新技术企业认定推荐", "科技型中小企业评价入库", "创新平台申报", "高层次人才引进",
        "人才安居补贴发放", "外国人来华工作许可", "产学研合作项目对接", "科技成果转化奖补",
    ]),
    ("安全生产", "Work safety", True, [
        "危险化学品企业安全监管", "建设工程施工安全监管", "特种设备安全监管", "粉尘涉爆企业安全监管",
        "有限空间作业安全监管", "消防安全检查", "生产安全事故调查处理", "新业态新领域安全监管",
        "安全生产隐患排查治理", "燃气安全监管",
    ]),
    ("生态环境保护", "Environmental protection", False, [
        "建设项目环境影响评价", "大气污染防治", "水污染防治与河长制", "固体废物和危险废物监管",
        "环境信访投诉处理", "扬尘污染治理", "排污许可管理",
    ]),
    ("规划建设与城市管理", "Planning, construction and urban management", False, [
        "建设工程规划许可", "建设工程竣工联合验收", "违法建设查处", "市政设施维护",
        "城市道路占用挖掘", "户外广告设置管理", "老旧小区改造",
    ]),
    ("社会事务", "Social affairs", False, [
        "社会救助", "退役军人服务保障", "劳动保障监察", "学校规划建设与学位供给",
        "基层医疗卫生服务", "12345热线诉求办理",
    ]),
]

# Per category: the steps and who does what. `S`, `P` and `C` stand for the local
# street, park and county-level government (属地).
L = "《中华人民共和国土地管理法》"
S = "《中华人民共和国安全生产法》"
TEMPLATES = {
    "土地保障": [
        ("申请受理", ("zone", "N10", "受理用地申请，审核项目选址与规划条件"), [
            ("zone", "N07", "提供项目投资协议和建设内容"),
            ("park", "P", "出具园区用地布局意见")]),
        ("审查报批", ("municipal_department", "MD01", "审查用地报批材料并报省政府审批"), [
            ("zone", "N10", "编制用地报批材料，报送市自然资源和规划局")]),
        ("现场实施", ("street", "S", "组织入户调查、签订补偿协议并移交净地"), [
            ("zone", "N10", "勘测定界并核实地上附着物"),
            ("county", "C", "审核补偿安置方案并拨付补偿资金")]),
    ],
    "科技人才交流": [
        ("政策申报", ("zone", "N06", "发布申报通知，受理并审核企业申报材料"), [
            ("zone", "N02", "审核人才类申报的身份与资格材料"),
            ("park", "P", "排查园区企业底数，推荐符合条件的企业")]),
        ("评审认定", ("municipal_department", "MD03", "组织专家评审并发布认定结果"), [
            ("zone", "N06", "报送初审意见和推荐名单")]),
        ("兑现服务", ("zone", "N05", "审核奖补资金并拨付到企业"), [
            ("municipal_department", "MD04", "核实社保缴纳和人才身份信息"),
            ("zone", "N09", "收集企业诉求并办理后续服务事项")]),
    ],
    "安全生产": [
        ("日常监管", ("zone", "N11", "制定年度监督检查计划，开展执法检查并查处违法行为"), [
            ("park", "P", "巡查园区企业，发现隐患当日上报"),
            ("street", "S", "排查辖区网格内企业，登记台账并报送")]),
        ("隐患整改", ("zone", "N11", "下达整改指令并复核整改结果"), [
            ("municipal_department", "MD02", "审查重大隐患挂牌督办材料，约谈企业负责人")]),
        ("事故处置", ("municipal_department", "MD02", "组织事故调查并认定事故责任"), [
            ("zone", "N11", "先期处置事故现场并上报事故信息"),
            ("street", "S", "组织群众疏散并收集现场信息")]),
    ],
    "生态环境保护": [
        ("审批许可", ("municipal_department", "MD05", "受理并审批建设项目环评文件"), [
            ("zone", "N11", "审核项目环保准入条件并出具初审意见")]),
        ("监督检查", ("zone", "N11", "开展环境执法检查，查处环境违法行为"), [
            ("street", "S", "巡查辖区污染源，登记并上报问题线索"),
            ("park", "P", "排查园区企业治污设施运行情况")]),
        ("投诉办理", ("street", "S", "受理群众环境投诉并组织现场核查"), [
            ("zone", "N11", "调查投诉事项并出具处理意见")]),
    ],
    "规划建设与城市管理": [
        ("许可审批", ("zone", "N10", "审查建设工程设计方案并核发规划许可"), [
            ("municipal_department", "MD01", "审定控制性详细规划调整")]),
        ("过程监管", ("zone", "N10", "检查施工现场，查处违法违规建设行为"), [
            ("street", "S", "巡查辖区违法建设，登记并移交线索"),
            ("park", "P", "报送园区在建项目清单")]),
        ("竣工验收", ("zone", "N10", "组织竣工联合验收并出具验收意见"), [
            ("zone", "N11", "检查消防与安全设施并签署验收意见")]),
    ],
    "社会事务": [
        ("受理", ("street", "S", "受理群众申请并核实家庭情况"), [
            ("zone", "S01", "登记诉求并分派承办单位")]),
        ("审核办理", ("zone", "N12", "审核申请材料并办理业务"), [
            ("municipal_department", "MD04", "核查社保与就业登记信息"),
            ("county", "C", "审批需县级审批的事项并反馈结果")]),
        ("回访评价", ("zone", "S01", "回访办理结果并通报超期事项"), []),
    ],
}
BASIS = {
    "土地保障": L + "第四十四条；《中华人民共和国土地管理法实施条例》第二十六条",
    "科技人才交流": "《中华人民共和国促进科技成果转化法》第四十三条",
    "安全生产": S + "第九条；" + S + "第十条",
    "生态环境保护": "《中华人民共和国环境保护法》第十条",
    "规划建设与城市管理": "《中华人民共和国城乡规划法》第四十条",
    "社会事务": "《社会救助暂行办法》第四条",
}

HEADER = ["code", "valid_from", "valid_to", "change", "category_zh", "category_en",
          "name_zh", "name_en", "step_no", "step", "role", "party_level", "party", "duty",
          "legal_basis", "source", "basis", "facts"]


def main(out):
    rows = []
    n = 0
    for ci, (cat_zh, cat_en, stated, names) in enumerate(CATEGORIES):
        for ii, name in enumerate(names):
            n += 1
            code = f"B{ci + 1}{ii + 1:02d}"
            basis = ("Illustrative: seed §6 states 47 items in 6 categories"
                     + (f" and names the category {cat_zh}" if stated else "")
                     + "; item name, steps, parties, duties, legal bases and dates are invented "
                       "(scripts/gen-boundary-demo.py)")
            facts = "category" if stated else ""
            for si, (step, lead, coop) in enumerate(TEMPLATES[cat_zh]):
                for role, (level, party, duty) in [("牵头", lead)] + [("配合", c) for c in coop]:
                    party = LOCAL if party in ("S", "P", "C") else party
                    rows.append([code, VALID_FROM, "", CHANGE, cat_zh, cat_en, name, "",
                                 si + 1, step, role, level, party, duty, BASIS[cat_zh],
                                 "illustrative", basis, facts])
    assert n == 47, n
    with open(out, "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(HEADER)
        w.writerows(rows)


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "data/demo/boundary_items.csv")
