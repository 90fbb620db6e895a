//! A project sheet (招商项目台账) as an uploaded file, .xlsx or .csv, with the
//! enterprise register's conventions: the header row is found by Chinese synonyms,
//! every cell is parsed to its type — amounts with their unit ("106亿元", "1.2亿",
//! "8000万元", "1,500万"; a bare "1500" is reported, never guessed) — and every problem
//! is located (sheet, row, column, header, field, value). Whether the park and chain
//! node exist is checked by the caller against the zone (`zonegov_app::project_import`).

use crate::power_list::dates::parse_list_day;
use crate::power_list::header::{Aliases, Layout, find_layout_in};
use crate::power_list::{ImportProblem, Sheet, column_letter, read_grid};
use chrono::NaiveDate;
use serde::Serialize;
use std::collections::BTreeMap;
use zonegov_domain::project::{
    Amount, ChainRole, CharIndustry, Investor, STAGES, Stage, StageProblem, TenStrong,
};
use zonegov_domain::{Code, Name};

pub const ALIASES: Aliases = &[
    ("code", &["项目编号", "项目编码", "编号"]),
    ("name_zh", &["项目名称", "项目代号", "名称"]),
    ("real_name", &["项目真实名称", "真实名称"]),
    (
        "investor_code",
        &["投资方统一社会信用代码", "投资方信用代码"],
    ),
    ("investor_name", &["投资方", "投资方名称", "投资主体"]),
    ("amount", &["投资额", "总投资", "计划总投资", "投资金额"]),
    ("ten_strong", &["十强产业"]),
    ("industry", &["特色产业", "所属产业", "产业"]),
    ("park", &["落地园区", "所属园区", "园区"]),
    ("chain_node", &["产业链节点", "链节点"]),
    ("chain_role", &["链上作用", "补链强链延链"]),
    ("stage_lead", &["线索日期", "线索"]),
    ("stage_pitch", &["推介日期", "推介"]),
    ("stage_talks", &["在谈日期", "在谈"]),
    ("stage_signed", &["签约日期", "签约"]),
    ("stage_pre_start", &["拟开工日期", "拟开工"]),
    ("stage_started", &["开工日期", "开工"]),
    ("stage_funded", &["到资日期", "到资"]),
    ("stage_operating", &["竣工投产日期", "竣工投产"]),
    ("officer", &["责任人", "招商责任人", "负责人"]),
    ("problems", &["存在问题", "问题"]),
    ("valid_from", &["生效日期"]),
];

pub const REQUIRED: &[&str] = &["code", "name_zh", "amount", "industry", "park", "officer"];

/// The stage date columns, in the order of [`STAGES`].
const STAGE_FIELDS: &[&str] = &[
    "stage_lead",
    "stage_pitch",
    "stage_talks",
    "stage_signed",
    "stage_pre_start",
    "stage_started",
    "stage_funded",
    "stage_operating",
];

/// One row, every cell parsed; the park and chain node as written (code or name).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ProjectRow {
    pub sheet: String,
    /// 1-based, as the user sees it.
    pub row: usize,
    pub code: Code,
    pub name: Name,
    pub real_name: Option<String>,
    pub investor: Investor,
    pub amount: Amount,
    pub ten_strong: Option<TenStrong>,
    pub industry: CharIndustry,
    pub park: String,
    pub chain_node: Option<String>,
    pub chain_role: Option<ChainRole>,
    pub stages: BTreeMap<Stage, NaiveDate>,
    pub officer: String,
    pub problems: Vec<StageProblem>,
    pub valid_from: Option<NaiveDate>,
}

#[derive(Debug, Clone, Default, Serialize)]
pub struct ProjectRead {
    /// The rows that parsed; the caller writes nothing while `problems` is not empty.
    pub rows: Vec<ProjectRow>,
    pub problems: Vec<ImportProblem>,
    /// field → (column letter, header as written), for problems found later.
    pub columns: BTreeMap<String, (String, String)>,
}

impl ProjectRead {
    /// A problem in `field`'s cell of `row`, found after reading.
    pub fn problem(
        &self,
        row: &ProjectRow,
        field: &str,
        value: &str,
        message: String,
    ) -> ImportProblem {
        let col = self.columns.get(field);
        ImportProblem {
            sheet: row.sheet.clone(),
            row: row.row,
            column: col.map(|c| c.0.clone()),
            header: col.map(|c| c.1.clone()),
            field: field.to_owned(),
            value: value.to_owned(),
            message,
        }
    }
}

fn file_problem(sheet: &str, row: usize, field: &str, message: String) -> ImportProblem {
    ImportProblem {
        sheet: sheet.to_owned(),
        row,
        column: None,
        header: None,
        field: field.to_owned(),
        value: String::new(),
        message,
    }
}

/// Reads the first sheet with a recognisable header.
pub fn read_projects(bytes: &[u8], file_name: &str) -> ProjectRead {
    let mut out = ProjectRead::default();
    let sheets = match read_grid(bytes, file_name) {
        Ok(s) => s,
        Err(p) => {
            out.problems.push(*p);
            return out;
        }
    };
    let Some((sheet, layout)) = sheets
        .iter()
        .find_map(|s| find_layout_in(s, ALIASES).map(|l| (s, l)))
    else {
        let name = sheets.first().map(|s| s.name.clone()).unwrap_or_default();
        out.problems.push(file_problem(
            &name,
            0,
            "header",
            "找不到表头：须含项目编号、项目名称、投资额等列 / no header row found: the file needs columns such as 项目编号, 项目名称, 投资额".into(),
        ));
        return out;
    };
    out.columns = layout
        .columns
        .iter()
        .map(|c| {
            (
                c.field.to_owned(),
                (column_letter(c.index), c.header.clone()),
            )
        })
        .collect();
    for field in REQUIRED {
        if layout.column(field).is_none() {
            out.problems.push(file_problem(
                &sheet.name,
                layout.last_header_row + 1,
                field,
                format!("缺少必需的列 {field} / required column {field} is missing"),
            ));
        }
    }
    if layout.column("investor_code").is_none() && layout.column("investor_name").is_none() {
        out.problems.push(file_problem(
            &sheet.name,
            layout.last_header_row + 1,
            "investor_name",
            "缺少投资方列 / a column naming the investor is missing".into(),
        ));
    }
    if !out.problems.is_empty() {
        return out;
    }
    let mut seen = std::collections::HashMap::new();
    for r in layout.last_header_row + 1..sheet.rows.len() {
        if sheet.rows[r].iter().all(|c| c.trim().is_empty()) {
            continue;
        }
        let mut cells = Cells {
            sheet,
            layout: &layout,
            r,
            problems: &mut out.problems,
        };
        if let Some(row) = cells.row() {
            if let Some(first) = seen.insert(row.code.clone(), row.row) {
                cells.problem(
                    "code",
                    format!("项目编号与第 {first} 行重复 / the code repeats row {first}"),
                );
            }
            out.rows.push(row);
        }
    }
    out
}

/// One row's cells, reporting each bad one.
struct Cells<'a> {
    sheet: &'a Sheet,
    layout: &'a Layout,
    r: usize,
    problems: &'a mut Vec<ImportProblem>,
}

impl Cells<'_> {
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

    /// A required cell parsed; `None` (reported) when empty or bad.
    fn parse<T, E: std::fmt::Display>(
        &mut self,
        field: &str,
        f: impl FnOnce(&str) -> Result<T, E>,
    ) -> Option<T> {
        let v = self.text(field);
        if v.is_empty() {
            self.problem(field, "必填项为空 / required value is empty".into());
            return None;
        }
        f(&v).map_err(|e| self.problem(field, e.to_string())).ok()
    }

    /// An optional cell: `Some(None)` when empty, `None` (reported) when bad.
    fn parse_opt<T, E: std::fmt::Display>(
        &mut self,
        field: &str,
        f: impl FnOnce(&str) -> Result<T, E>,
    ) -> Option<Option<T>> {
        let v = self.text(field);
        if v.is_empty() {
            return Some(None);
        }
        f(&v)
            .map(Some)
            .map_err(|e| self.problem(field, e.to_string()))
            .ok()
    }

    fn row(&mut self) -> Option<ProjectRow> {
        let code = self.parse("code", Code::parse);
        let name = self.parse("name_zh", |v| Ok::<_, String>(Name::new(v, "")));
        let investor_code = self.text("investor_code");
        let investor_name = self.text("investor_name");
        let investor = Investor::parse(Some(&investor_code), Some(&investor_name))
            .map_err(|m| {
                let field = if investor_code.is_empty() {
                    "investor_name"
                } else {
                    "investor_code"
                };
                self.problem(field, m)
            })
            .ok();
        let amount = self.parse("amount", Amount::parse);
        let ten_strong = self.parse_opt("ten_strong", TenStrong::parse);
        let industry = self.parse("industry", CharIndustry::parse);
        let park = self.parse("park", |v| Ok::<_, String>(v.to_owned()));
        let chain_node = self.parse_opt("chain_node", |v| Ok::<_, String>(v.to_owned()));
        let chain_role = self.parse_opt("chain_role", ChainRole::parse);
        let officer = self.parse("officer", |v| Ok::<_, String>(v.to_owned()));
        let problems = self.parse_opt("problems", StageProblem::parse_list);
        let valid_from = self.parse_opt("valid_from", parse_list_day);
        let mut stages = BTreeMap::new();
        let mut stages_ok = true;
        debug_assert_eq!(STAGE_FIELDS.len(), STAGES.len());
        for (stage, field) in Stage::all().zip(STAGE_FIELDS) {
            match self.parse_opt(field, parse_list_day) {
                Some(Some(d)) => {
                    stages.insert(stage, d);
                }
                Some(None) => {}
                None => stages_ok = false,
            }
        }
        if stages_ok && stages.is_empty() {
            self.problem(
                "stage_lead",
                "至少须填一个阶段日期 / at least one stage date is required".into(),
            );
            stages_ok = false;
        }
        let real_name = Some(self.text("real_name")).filter(|v| !v.is_empty());
        Some(ProjectRow {
            sheet: self.sheet.name.clone(),
            row: self.r + 1,
            code: code?,
            name: name?,
            real_name,
            investor: investor?,
            amount: amount?,
            ten_strong: ten_strong?,
            industry: industry?,
            park: park?,
            chain_node: chain_node?,
            chain_role: chain_role?,
            stages: stages_ok.then_some(stages)?,
            officer: officer?,
            problems: problems?.unwrap_or_default(),
            valid_from: valid_from?,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const HEAD: &str =
        "项目编号,项目名称,投资方,投资额,十强产业,特色产业,落地园区,责任人,签约日期\n";

    #[test]
    fn amounts_with_units_parse_and_bare_ones_are_located() {
        let csv = format!(
            "{HEAD}A1,甲,某公司,106亿元,高端装备,I1,P01,张,2024-01-02\n\
             A2,乙,某公司,1.2亿,,I2,P03,张,2024-01-02\n\
             A3,丙,某公司,8000万元,,I3,P04,张,2024-01-02\n\
             A4,丁,某公司,\"1,500万\",,I4,P06,张,2024-01-02\n"
        );
        let read = read_projects(csv.as_bytes(), "p.csv");
        assert!(read.problems.is_empty(), "{:?}", read.problems);
        let yuan: Vec<u64> = read.rows.iter().map(|r| r.amount.yuan()).collect();
        assert_eq!(
            yuan,
            vec![10_600_000_000, 120_000_000, 80_000_000, 15_000_000]
        );

        let csv = format!(
            "{HEAD}A1,甲,某公司,1500,,I1,P01,张,2024-01-02\nA2,乙,某公司,十亿左右,,I1,P01,张,2024-13-02\n"
        );
        let read = read_projects(csv.as_bytes(), "p.csv");
        let located: Vec<(usize, Option<&str>, &str, &str)> = read
            .problems
            .iter()
            .map(|p| {
                (
                    p.row,
                    p.column.as_deref(),
                    p.field.as_str(),
                    p.value.as_str(),
                )
            })
            .collect();
        assert_eq!(
            located,
            vec![
                (2, Some("D"), "amount", "1500"),
                (3, Some("D"), "amount", "十亿左右"),
                (3, Some("I"), "stage_signed", "2024-13-02"),
            ]
        );
        assert!(read.problems[0].message.contains("1500"));
        assert!(read.rows.is_empty());
    }
}
