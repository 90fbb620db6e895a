//! The table form of a reform plan, as staffing offices write it: one row per
//! operation, old body → new body, with quota moves and decisions. The header row is
//! found by Chinese synonyms; every cell is parsed and every problem located.

use crate::power_list::header::{Aliases, Layout, find_layout_in};
use crate::power_list::{ImportProblem, Sheet, column_letter, read_grid};
use chrono::NaiveDate;
use std::collections::BTreeMap;
use zonegov_domain::reform::{ItemRef, Operation, Reform, Target};
use zonegov_domain::{Code, EntityKind, Institution, Name, Provenance, QuotaType};

pub const ALIASES: Aliases = &[
    (
        "operation",
        &["操作", "操作类型", "改革方式", "调整方式", "operation"],
    ),
    ("target", &["对象", "对象类型", "target"]),
    ("from", &["原机构", "原单位", "原园区", "划出单位", "from"]),
    (
        "to",
        &["新机构", "新单位", "新园区", "划入单位", "承接单位", "to"],
    ),
    (
        "name_zh",
        &["名称", "新名称", "机构名称", "牌子", "name_zh"],
    ),
    ("name_en", &["英文名称", "name_en"]),
    ("category", &["机构类别", "类别", "category"]),
    ("parent", &["上级机构", "上级", "parent"]),
    ("quota_type", &["编制类型", "quota_type"]),
    ("amount", &["编制数", "数量", "核定数", "amount"]),
    ("items", &["划转事项", "事项", "items"]),
    ("doc_no", &["文号", "核定文号", "doc_no"]),
];

/// What a table plan does not say about itself: the change set it is written as.
#[derive(Debug, Clone, PartialEq)]
pub struct ReformHead {
    pub id: Code,
    pub effective: NaiveDate,
    pub doc_no: String,
    pub reason: Name,
}

/// Reads a table plan (.xlsx or .csv) into a reform with `head`.
pub fn read_reform_table(
    bytes: &[u8],
    file_name: &str,
    head: &ReformHead,
) -> Result<Reform, Vec<ImportProblem>> {
    let sheets = read_grid(bytes, file_name).map_err(|p| vec![*p])?;
    let Some((sheet, layout)) = sheets
        .iter()
        .find_map(|s| find_layout_in(s, ALIASES).map(|l| (s, l)))
    else {
        return Err(vec![super::file_problem(
            file_name,
            "找不到表头:须含操作、原机构、新机构等列 / no header row found: the file needs columns such as 操作, 原机构, 新机构".into(),
        )]);
    };
    if layout.column("operation").is_none() {
        return Err(vec![super::file_problem(
            file_name,
            "缺少必需的列 operation(操作) / required column operation (操作) is missing".into(),
        )]);
    }
    let mut problems = Vec::new();
    let mut operations = Vec::new();
    for r in layout.last_header_row + 1..sheet.rows.len() {
        if sheet.rows[r].iter().all(|c| c.trim().is_empty()) {
            continue;
        }
        let mut row = RowReader {
            sheet,
            layout: &layout,
            r,
            problems: &mut problems,
        };
        if let Some(op) = row.operation(head) {
            operations.push(op);
        }
    }
    if operations.is_empty() && problems.is_empty() {
        problems.push(super::file_problem(
            file_name,
            "方案中没有任何操作 / the plan has no operations".into(),
        ));
    }
    if !problems.is_empty() {
        return Err(problems);
    }
    Ok(Reform {
        id: head.id.clone(),
        effective: head.effective,
        doc_no: head.doc_no.clone(),
        reason: head.reason.clone(),
        provenance: Provenance::default(),
        lineage_provenance: Provenance::default(),
        operations,
    })
}

struct RowReader<'a> {
    sheet: &'a Sheet,
    layout: &'a Layout,
    r: usize,
    problems: &'a mut Vec<ImportProblem>,
}

impl RowReader<'_> {
    fn text(&self, field: &str) -> String {
        self.layout
            .column(field)
            .map_or("", |c| self.sheet.cell(self.r, c.index))
            .trim()
            .to_owned()
    }

    fn problem(&mut self, field: &str, message: String) {
        let col = self.layout.column(field);
        self.problems.push(ImportProblem {
            sheet: self.sheet.name.clone(),
            row: self.r + 1,
            column: col.map(|c| column_letter(c.index)),
            header: col.map(|c| c.header.clone()),
            field: field.to_owned(),
            value: self.text(field),
            message,
        });
    }

    fn required(&mut self, field: &str) -> Option<String> {
        let v = self.text(field);
        if v.is_empty() {
            self.problem(field, "必填项为空 / required value is empty".into());
            return None;
        }
        Some(v)
    }

    fn code(&mut self, field: &str) -> Option<Code> {
        let v = self.required(field)?;
        match Code::parse(&v) {
            Ok(c) => Some(c),
            Err(e) => {
                self.problem(field, format!("编码无效 / invalid code: {e}"));
                None
            }
        }
    }

    fn codes(&mut self, field: &str) -> Option<Vec<Code>> {
        let v = self.required(field)?;
        let mut out = Vec::new();
        for part in v
            .split(['|', '、', ',', ','])
            .map(str::trim)
            .filter(|s| !s.is_empty())
        {
            match Code::parse(part) {
                Ok(c) => out.push(c),
                Err(e) => {
                    self.problem(
                        field,
                        format!("编码 {part} 无效 / invalid code {part}: {e}"),
                    );
                    return None;
                }
            }
        }
        Some(out)
    }

    fn quota(&mut self) -> Option<QuotaType> {
        let v = self.required("quota_type")?;
        QuotaType::parse(&v)
            .map_err(|e| self.problem("quota_type", e.to_string()))
            .ok()
    }

    fn amount(&mut self) -> Option<u32> {
        let v = self.required("amount")?;
        v.parse::<u32>()
            .map_err(|_| {
                self.problem(
                    "amount",
                    "须为非负整数 / must be a whole number, 0 or more".into(),
                )
            })
            .ok()
    }

    fn target(&mut self) -> Option<Target> {
        match self.text("target").as_str() {
            "" | "机构" | "institution" => Some(Target::Institution),
            "园区" | "park" => Some(Target::Park),
            _ => {
                self.problem(
                    "target",
                    "对象须为 机构/institution 或 园区/park / target must be 机构 or 园区".into(),
                );
                None
            }
        }
    }

    fn name(&mut self) -> Option<Name> {
        let zh = self.required("name_zh")?;
        Some(Name {
            zh,
            en: self.text("name_en"),
        })
    }

    fn items(&mut self) -> Option<Vec<ItemRef>> {
        let v = self.required("items")?;
        let mut out = Vec::new();
        for part in v
            .split(['|', '、'])
            .map(str::trim)
            .filter(|s| !s.is_empty())
        {
            let parsed = part.split_once(':').and_then(|(k, c)| {
                Some(ItemRef {
                    kind: EntityKind::parse(k)?,
                    code: Code::parse(c.trim()).ok()?,
                })
            });
            match parsed {
                Some(i) => out.push(i),
                None => {
                    self.problem("items", format!(
                        "事项 {part} 须写作 类型:编码(如 power_item:PI-0001)/ item {part} must be kind:code (power_item:PI-0001)"
                    ));
                    return None;
                }
            }
        }
        Some(out)
    }

    fn operation(&mut self, head: &ReformHead) -> Option<Operation> {
        let op = self.text("operation");
        match op.as_str() {
            "新设" | "增设" | "create" => {
                let (code, name) = (self.code("to"), self.name());
                let category = self.code("category");
                let parent = match self.text("parent") {
                    p if p.is_empty() => Some(None),
                    _ => self.code("parent").map(Some),
                };
                Some(Operation::CreateBody {
                    code: code?,
                    body: Institution {
                        name: name?,
                        plates: Vec::new(),
                        category: category?,
                        parent: parent?,
                        quotas: BTreeMap::new(),
                        contact: None,
                        provenance: Provenance {
                            basis: format!("{} {}", head.doc_no, self.sheet.name),
                            ..Provenance::default()
                        },
                    },
                })
            }
            "撤销" | "abolish" => {
                let target = self.target();
                Some(Operation::Abolish {
                    target: target?,
                    code: self.code("from")?,
                })
            }
            "更名" | "rename" => {
                let (target, code) = (self.target(), self.code("from"));
                Some(Operation::Rename {
                    target: target?,
                    code: code?,
                    name: self.name()?,
                })
            }
            "合并" | "并入" | "撤并" | "merge" => {
                let (target, from) = (self.target(), self.codes("from"));
                Some(Operation::Merge {
                    target: target?,
                    from: from?,
                    into: self.code("to")?,
                    relation: zonegov_domain::Relation::MergedInto,
                    link_provenance: None,
                })
            }
            "拆分" | "分设" | "split" => {
                let (target, from) = (self.target(), self.code("from"));
                Some(Operation::Split {
                    target: target?,
                    from: from?,
                    into: self.codes("to")?,
                    ends: false,
                    assign: Vec::new(),
                    link_provenance: None,
                })
            }
            "加挂牌子" | "add_plate" => {
                let code = self.code("from");
                Some(Operation::AddPlate {
                    code: code?,
                    plate: self.name()?,
                })
            }
            "摘牌" | "remove_plate" => {
                let code = self.code("from");
                Some(Operation::RemovePlate {
                    code: code?,
                    plate: self.required("name_zh")?,
                })
            }
            "职能划转" | "transfer_functions" => {
                let (from, to) = (self.code("from"), self.code("to"));
                Some(Operation::TransferFunctions {
                    from: from?,
                    to: to?,
                    items: self.items()?,
                })
            }
            "编制划转" | "quota_move" => {
                let (from, to, quota) = (self.code("from"), self.code("to"), self.quota());
                Some(Operation::QuotaMove {
                    from: from?,
                    to: to?,
                    quota: quota?,
                    amount: self.amount()?,
                })
            }
            "核增" | "核减" | "quota_increase" | "quota_decrease" => {
                let (code, quota, amount) = (self.code("to"), self.quota(), self.amount());
                let doc_no = self.required("doc_no");
                let sign = if matches!(op.as_str(), "核减" | "quota_decrease") {
                    -1
                } else {
                    1
                };
                Some(Operation::QuotaDecision {
                    code: code?,
                    quota: quota?,
                    delta: sign * i64::from(amount?),
                    doc_no: doc_no?,
                })
            }
            _ => {
                self.problem(
                    "operation",
                    "操作须为 新设、撤销、更名、合并、拆分、加挂牌子、摘牌、职能划转、编制划转、核增、核减之一 / unknown operation".into(),
                );
                None
            }
        }
    }
}
