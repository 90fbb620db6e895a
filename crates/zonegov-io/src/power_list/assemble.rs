//! Rows to items. One item spans one or more rows (one per responsibility); its own
//! cells repeat on each row, are merged down (filled by the grid) or are blank on
//! continuation rows. A duty cell may hold several steps, one per line
//! (受理责任：…\n审查责任：…). Every problem is collected, none stops the reading.

use super::header::{Layout, REQUIRED, find_layout};
use super::{
    BodyResolver, ImportProblem, ParsedItem, PowerListRead, ReadOptions, Sheet, column_letter,
    dates::parse_list_day,
};
use chrono::NaiveDate;
use serde::Serialize;
use std::collections::HashMap;
use zonegov_domain::power::citation::parse_citations;
use zonegov_domain::power::{Accountability, BasisRole, PowerItem, Responsibility};
use zonegov_domain::{Code, Name, Provenance, Source};

/// Fields that belong to one responsibility row; every other field is the item's.
const ROW_FIELDS: &[&str] = &[
    "step",
    "duty",
    "duty_basis",
    "accountability",
    "accountability_basis",
];

/// The fields a power item's `facts` may name.
pub const FACT_FIELDS: &[&str] = &[
    "name",
    "sub_item",
    "item_type",
    "body",
    "handling_unit",
    "level",
    "basis_setting",
    "basis_implementing",
    "responsibilities",
    "accountability",
    "phone",
    "remarks",
    "valid_from",
    "valid_to",
];

/// What an adjustment file does with an item: an `action` column (新增/变更/取消,
/// add/change/cancel), or 取消 at the start of the remarks for a cancellation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ItemAction {
    Add,
    Change,
    Cancel,
}

impl ItemAction {
    pub fn parse(text: &str) -> Option<Self> {
        match text.trim() {
            "新增" | "增加" | "add" | "Add" => Some(Self::Add),
            "变更" | "调整" | "修改" | "change" | "Change" => Some(Self::Change),
            "取消" | "删除" | "cancel" | "Cancel" => Some(Self::Cancel),
            _ => None,
        }
    }
}

/// Cells borrowed from the sheet (trimmed), not copied: a 100,000-row list held
/// its text twice before.
struct Row<'s> {
    /// 1-based as the user sees it.
    number: usize,
    cells: HashMap<&'static str, &'s str>,
}

impl Row<'_> {
    fn get(&self, field: &str) -> &str {
        self.cells.get(field).copied().unwrap_or("")
    }
}

struct Group<'s> {
    code: &'s str,
    rows: Vec<Row<'s>>,
}

struct Ctx<'a> {
    sheet: &'a Sheet,
    layout: &'a Layout,
    problems: &'a mut Vec<ImportProblem>,
}

impl Ctx<'_> {
    fn push(&mut self, row: usize, field: &str, value: &str, message: String) {
        let col = self.layout.column(field);
        self.problems.push(ImportProblem {
            sheet: self.sheet.name.clone(),
            row,
            column: col.map(|c| column_letter(c.index)),
            header: col.map(|c| c.header.clone()),
            field: field.to_owned(),
            value: value.to_owned(),
            message,
        });
    }
}

/// Items of every sheet that has a recognisable header.
pub fn assemble(sheets: &[Sheet], opt: &ReadOptions, bodies: &dyn BodyResolver) -> PowerListRead {
    let mut out = PowerListRead::default();
    let mut items = Vec::new();
    let mut seen: HashMap<String, (String, usize)> = HashMap::new();
    let mut any = false;
    for sheet in sheets {
        let Some(layout) = find_layout(sheet) else {
            if sheets.len() > 1 {
                out.notes.push(format!(
                    "工作表“{}”没有可识别的表头，已跳过 / sheet \"{}\" has no recognisable header and was skipped",
                    sheet.name, sheet.name
                ));
            }
            continue;
        };
        any = true;
        if layout.last_header_row > 0 {
            out.notes.push(format!(
                "工作表“{}”第{}行为表头，其上为标题 / sheet \"{}\": header ends on row {}, rows above are titles",
                sheet.name,
                layout.last_header_row + 1,
                sheet.name,
                layout.last_header_row + 1
            ));
        }
        let mut ctx = Ctx {
            sheet,
            layout: &layout,
            problems: &mut out.problems,
        };
        let missing: Vec<&str> = REQUIRED
            .iter()
            .copied()
            .filter(|f| layout.column(f).is_none())
            .collect();
        for f in &missing {
            ctx.push(
                layout.last_header_row + 1,
                f,
                "",
                format!("缺少“{f}”列 / the file has no column for \"{f}\""),
            );
        }
        if !missing.is_empty() {
            continue;
        }
        let groups = group_rows(&mut ctx, &mut out.notes);
        for g in groups {
            let first = g.rows.first().map_or(0, |r| r.number);
            if let Some((sheet_name, row)) = seen.get(g.code) {
                ctx.push(
                    first,
                    "code",
                    g.code,
                    format!(
                        "编码重复，已出现在“{sheet_name}”第{row}行 / duplicate code, already on sheet \"{sheet_name}\" row {row}"
                    ),
                );
                continue;
            }
            seen.insert(g.code.to_owned(), (sheet.name.clone(), first));
            if let Some(item) = build(&mut ctx, &g, opt, bodies) {
                items.push(item);
            }
        }
    }
    if !any {
        out.problems.push(ImportProblem {
            sheet: sheets.first().map(|s| s.name.clone()).unwrap_or_default(),
            row: 0,
            column: None,
            header: None,
            field: "header".to_owned(),
            value: String::new(),
            message: "找不到表头行（至少需要权力编码、权力类型、事项名称等三列）/ no header row found (at least three known columns such as 权力编码, 权力类型, 事项名称)".to_owned(),
        });
    }
    if out.problems.is_empty() {
        out.items = items;
    }
    out
}

fn is_note(cells: &[(usize, &str)], layout: &Layout) -> bool {
    let Some((col, first)) = cells.first() else {
        return false;
    };
    if cells.iter().any(|(_, c)| c != first) {
        return false;
    }
    let t = first.trim_start();
    let prefixed = ["注：", "注:", "备注：", "备注:", "说明：", "说明:"]
        .iter()
        .any(|p| t.starts_with(p));
    let in_row_field = layout
        .columns
        .iter()
        .any(|c| c.index == *col && ROW_FIELDS.contains(&c.field));
    prefixed || (t.chars().count() >= 30 && (cells.len() > 1 || !in_row_field))
}

fn group_rows<'a>(ctx: &mut Ctx<'a>, notes: &mut Vec<String>) -> Vec<Group<'a>> {
    let sheet: &'a Sheet = ctx.sheet;
    let mut groups: Vec<Group<'a>> = Vec::new();
    for r in ctx.layout.last_header_row + 1..ctx.sheet.rows.len() {
        let filled: Vec<(usize, &str)> = ctx.sheet.rows[r]
            .iter()
            .enumerate()
            .filter(|(_, c)| !c.trim().is_empty())
            .map(|(i, c)| (i, c.as_str()))
            .collect();
        if filled.is_empty() {
            continue;
        }
        if is_note(&filled, ctx.layout) {
            notes.push(format!(
                "“{}”第{}行是说明文字，已忽略 / sheet \"{}\" row {} is a note and was ignored",
                ctx.sheet.name,
                r + 1,
                ctx.sheet.name,
                r + 1
            ));
            continue;
        }
        let cells: HashMap<&'static str, &'a str> = ctx
            .layout
            .columns
            .iter()
            .map(|c| (c.field, sheet.cell(r, c.index).trim()))
            .collect();
        let code = cells.get("code").copied().unwrap_or_default();
        let row = Row {
            number: r + 1,
            cells,
        };
        match groups.last_mut() {
            Some(g) if code.is_empty() || code == g.code => g.rows.push(row),
            _ if code.is_empty() => ctx.push(
                r + 1,
                "code",
                "",
                "第一行事项缺少编码 / the first row of an item has no code".to_owned(),
            ),
            _ => groups.push(Group {
                code,
                rows: vec![row],
            }),
        }
    }
    groups
}

/// Strips list numbering: `1.` `1、` `（1）` `(1)` `①`.
fn strip_numbering(line: &str) -> &str {
    let t = line.trim();
    let t = t.trim_start_matches(|c: char| ('①'..='⑳').contains(&c));
    let inner = t.strip_prefix(['（', '(']).map(|r| {
        r.trim_start_matches(|c: char| c.is_ascii_digit() || "一二三四五六七八九十".contains(c))
    });
    if let Some(r) = inner.and_then(|r| r.strip_prefix(['）', ')'])) {
        return r.trim();
    }
    let digits = t.trim_start_matches(|c: char| c.is_ascii_digit());
    if digits.len() < t.len()
        && let Some(r) = digits.strip_prefix(['.', '、', '．'])
    {
        return r.trim();
    }
    t.trim()
}

/// `受理责任：text` → (Some(受理), text); a line without a step prefix → (None, line).
fn step_prefix(line: &str) -> (Option<String>, &str) {
    let line = strip_numbering(line);
    if let Some(pos) = line.find(['：', ':']) {
        let head = line[..pos].trim();
        let sep = line[pos..].chars().next().map_or(1, char::len_utf8);
        if (1..=8).contains(&head.chars().count()) {
            let step = head.strip_suffix("责任").unwrap_or(head).trim();
            if !step.is_empty() {
                return (Some(step.to_owned()), line[pos + sep..].trim());
            }
        }
    }
    (None, line)
}

/// The step as the type's step set spells it, else as published.
fn canonical_step(step: &str, set: &[String]) -> String {
    let step = step.strip_suffix("责任").unwrap_or(step).trim();
    set.iter()
        .find(|s| s.as_str() == step)
        .or_else(|| set.iter().find(|s| step.starts_with(s.as_str())))
        .cloned()
        .unwrap_or_else(|| step.to_owned())
}

fn responsibilities_of(row: &Row<'_>, steps: &[String]) -> Vec<Responsibility> {
    let duty = row.get("duty");
    let column_step = row.get("step");
    let basis = parse_citations(row.get("duty_basis"), BasisRole::Implementing);
    let mut out: Vec<Responsibility> = Vec::new();
    for line in duty.lines().filter(|l| !l.trim().is_empty()) {
        match step_prefix(line) {
            (Some(step), text) => out.push(Responsibility {
                step: canonical_step(&step, steps),
                duty: text.to_owned(),
                basis: basis.clone(),
            }),
            (None, text) => match out.last_mut() {
                // A line without a prefix continues the step above it.
                Some(last) => {
                    last.duty.push('\n');
                    last.duty.push_str(text);
                }
                None => out.push(Responsibility {
                    step: if column_step.is_empty() {
                        steps.last().cloned().unwrap_or_else(|| "其他".to_owned())
                    } else {
                        canonical_step(column_step, steps)
                    },
                    duty: text.to_owned(),
                    basis: basis.clone(),
                }),
            },
        }
    }
    out
}

fn accountability_of(row: &Row<'_>, into: &mut Vec<Accountability>) {
    let basis = parse_citations(row.get("accountability_basis"), BasisRole::Implementing);
    let text = row.get("accountability");
    for line in text.lines() {
        let situation = strip_numbering(line);
        if situation.is_empty() || into.iter().any(|a| a.situation == situation) {
            continue;
        }
        into.push(Accountability {
            situation: situation.to_owned(),
            basis: basis.clone(),
        });
    }
}

fn opt(s: &str) -> Option<String> {
    (!s.is_empty()).then(|| s.to_owned())
}

fn build(
    ctx: &mut Ctx<'_>,
    g: &Group<'_>,
    opt_: &ReadOptions,
    bodies: &dyn BodyResolver,
) -> Option<ParsedItem> {
    let first = g.rows.first()?;
    let n = first.number;
    let before = ctx.problems.len();
    let cell = |f: &str| first.get(f);
    // Continuation rows may repeat the item's cells or leave them blank, not differ.
    for row in &g.rows[1..] {
        for (field, value) in &row.cells {
            if ROW_FIELDS.contains(field) || value.is_empty() || *value == cell(field) {
                continue;
            }
            ctx.push(
                row.number,
                field,
                value,
                format!(
                    "与本事项第{n}行的“{}”不同；同一事项的各行须相同或留空 / differs from the item's row {n} (\"{}\"); an item's rows must repeat it or leave it blank",
                    cell(field),
                    cell(field)
                ),
            );
        }
    }
    let action = match cell("action") {
        "" if cell("remarks").starts_with("取消") => Some(ItemAction::Cancel),
        "" => None,
        a => {
            let parsed = ItemAction::parse(a);
            if parsed.is_none() {
                ctx.push(n, "action", a, "操作须为 新增、变更 或 取消 / action must be 新增, 变更 or 取消 (add, change, cancel)".to_owned());
            }
            parsed
        }
    };
    let cancel = action == Some(ItemAction::Cancel);
    let code = match Code::parse(g.code) {
        Ok(c) => Some(c),
        Err(e) => {
            ctx.push(n, "code", g.code, format!("编码无效 / invalid code: {e}"));
            None
        }
    };
    let parts = match opt_.rule.parse(g.code) {
        Ok(p) => Some(p),
        Err(e) => {
            if code.is_some() {
                ctx.push(
                    n,
                    "code",
                    g.code,
                    format!("编码不符合编码规则（{}）/ {e}", opt_.rule),
                );
            }
            None
        }
    };
    let ty = opt_.catalog.find_type(cell("item_type"));
    match (ty, &parts) {
        (None, _) => {
            let known: Vec<&str> = opt_.catalog.types.iter().map(|t| t.code.as_str()).collect();
            ctx.push(
                n,
                "item_type",
                cell("item_type"),
                format!(
                    "未知的权力类型，可用：{} / unknown item type; known: {}",
                    known.join("、"),
                    known.join(", ")
                ),
            );
        }
        (Some(t), Some(p)) if p.type_code != t.code => ctx.push(
            n,
            "code",
            g.code,
            format!(
                "编码前缀 {} 与权力类型 {}（{}）不符 / the code's type prefix {} does not match the item type {}",
                p.type_code, t.code, t.name.zh, p.type_code, t.code
            ),
        ),
        _ => {}
    }
    if cell("name").is_empty() {
        ctx.push(
            n,
            "name",
            "",
            "事项名称不能为空 / the item needs a name".to_owned(),
        );
    }
    let day = |ctx: &mut Ctx<'_>, f: &str| -> Option<NaiveDate> {
        let v = cell(f);
        if v.is_empty() {
            return None;
        }
        parse_list_day(v)
            .map_err(|e| ctx.push(n, f, v, format!("日期无效 / invalid date: {e}")))
            .ok()
    };
    let valid_from = day(ctx, "valid_from");
    let valid_to = day(ctx, "valid_to");
    if let (Some(f), Some(t)) = (valid_from, valid_to)
        && f >= t
    {
        ctx.push(
            n,
            "valid_to",
            cell("valid_to"),
            format!("失效日期须晚于生效日期 {f} / valid_to must be after valid_from {f}"),
        );
    }
    let body = if cell("body").is_empty() {
        ctx.push(
            n,
            "body",
            "",
            "实施主体不能为空 / the item needs a body (实施主体)".to_owned(),
        );
        None
    } else {
        bodies
            .resolve(cell("body"), valid_from)
            .map_err(|m| ctx.push(n, "body", cell("body"), m))
            .ok()
    };
    let mut basis = parse_citations(cell("basis_setting"), BasisRole::Setting);
    basis.extend(parse_citations(
        cell("basis_implementing"),
        BasisRole::Implementing,
    ));
    if basis.is_empty() && !cancel {
        let field = if ctx.layout.column("basis_implementing").is_some() {
            "basis_implementing"
        } else {
            "basis_setting"
        };
        ctx.push(
            n,
            field,
            "",
            "缺少设定依据或实施依据 / the item needs a legal basis (设定依据 or 实施依据)"
                .to_owned(),
        );
    }
    let steps = ty.map_or(&[][..], |t| opt_.catalog.steps_of(&t.code));
    let mut responsibilities = Vec::new();
    let mut accountability = Vec::new();
    for row in &g.rows {
        responsibilities.extend(responsibilities_of(row, steps));
        accountability_of(row, &mut accountability);
    }
    if responsibilities.is_empty() && ty.is_some_and(|t| t.is_power) && !cancel {
        ctx.push(
            n,
            "duty",
            "",
            "权力事项至少需要一项责任事项 / a power item needs at least one responsibility (责任事项)".to_owned(),
        );
    }
    let provenance = if cell("source").is_empty() {
        opt_.provenance.clone()
    } else {
        match Source::parse(cell("source")) {
            Ok(source) => Provenance::parse(source, cell("basis"), cell("facts"), FACT_FIELDS)
                .map_err(|e| ctx.push(n, "facts", cell("facts"), format!("来源字段无效 / {e}")))
                .unwrap_or_default(),
            Err(e) => {
                ctx.push(
                    n,
                    "source",
                    cell("source"),
                    format!("来源须为 fact、reference 或 illustrative / {}", e.0),
                );
                Provenance::default()
            }
        }
    };
    let change = match cell("change") {
        "" => None,
        c => Code::parse(c)
            .map_err(|e| {
                ctx.push(
                    n,
                    "change",
                    c,
                    format!("变更批次编码无效 / invalid change id: {e}"),
                )
            })
            .ok(),
    };
    if ctx.problems.len() > before {
        return None;
    }
    Some(ParsedItem {
        code: code?,
        item: PowerItem {
            name: Name::new(cell("name"), ""),
            sub_item: opt(cell("sub_item")),
            item_type: ty?.code.clone(),
            body: body?,
            handling_unit: opt(cell("handling_unit")),
            level: opt(cell("level")),
            basis,
            responsibilities,
            accountability,
            supervision_phone: opt(cell("phone")),
            remarks: opt(cell("remarks")),
            provenance,
        },
        valid_from,
        valid_to,
        change,
        action,
        first_row: n,
        last_row: g.rows.last().map_or(n, |r| r.number),
    })
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn step_prefixes_and_numbering() {
        assert_eq!(
            step_prefix("1.受理责任：公示条件"),
            (Some("受理".to_owned()), "公示条件")
        );
        assert_eq!(
            step_prefix("（2）审查: 审查材料"),
            (Some("审查".to_owned()), "审查材料")
        );
        assert_eq!(step_prefix("依法受理申请"), (None, "依法受理申请"));
        assert_eq!(strip_numbering("（3）违法许可的"), "违法许可的");
        assert_eq!(strip_numbering("① 超越职权"), "超越职权");
        let set = vec!["受理".to_owned(), "事后监管".to_owned()];
        assert_eq!(canonical_step("事后监管责任", &set), "事后监管");
        assert_eq!(canonical_step("调查", &set), "调查");
    }
}
