//! The enterprise register (企业名录) as an uploaded file, .xlsx or .csv, with the
//! power list's conventions: the header row is found among the first rows by Chinese
//! synonyms (统一社会信用代码/信用代码, 行业代码/国民经济行业代码 …), every cell is parsed
//! to its type and every problem is located (sheet, row, column, header, field, value);
//! a caller writes nothing while there is any problem. Whether the street and park exist on the
//! day, and agree with the outlines, is checked by the caller against the history
//! (`zonegov_app::enterprise_import`), which reports through the same located form.

use crate::power_list::header::{Aliases, Layout, find_layout_in};
use crate::power_list::{ImportProblem, column_letter, read_grid};
use chrono::NaiveDate;
use serde::Serialize;
use zonegov_domain::enterprise::{CreditCode, EnterpriseSize, HazardFlag, IndustryCode};
use zonegov_domain::geo::LonLat;
use zonegov_domain::{Lang, Name};

pub const ALIASES: Aliases = &[
    (
        "code",
        &[
            "统一社会信用代码",
            "社会信用代码",
            "信用代码",
            "credit_code",
        ],
    ),
    ("name_zh", &["企业名称", "单位名称", "名称", "name"]),
    ("name_en", &["英文名称"]),
    (
        "industry",
        &[
            "行业代码",
            "国民经济行业代码",
            "行业分类代码",
            "所属行业代码",
        ],
    ),
    (
        "address",
        &["地址", "注册地址", "生产经营地址", "经营地址", "住所"],
    ),
    ("street", &["所属街道", "街道"]),
    ("park", &["所属园区", "园区"]),
    ("location", &["坐标", "经纬度"]),
    ("lon", &["经度"]),
    ("lat", &["纬度"]),
    ("size", &["企业规模", "规模"]),
    (
        "hazards",
        &["重点监管领域", "风险类别", "涉及领域", "危险类别"],
    ),
    ("valid_from", &["生效日期", "登记日期"]),
];

pub const REQUIRED: &[&str] = &["code", "name_zh", "industry", "address", "street", "size"];

/// One row as read: every cell parsed, street and park as written (code or name).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct EnterpriseRow {
    pub sheet: String,
    /// 1-based, as the user sees it.
    pub row: usize,
    pub credit_code: CreditCode,
    pub name: Name,
    pub industry: IndustryCode,
    pub address: String,
    pub street: String,
    pub park: Option<String>,
    pub location: Option<LonLat>,
    pub size: EnterpriseSize,
    pub hazards: Vec<HazardFlag>,
    pub valid_from: Option<NaiveDate>,
}

/// Where a field's column is, for problems found later.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ColumnRef {
    pub field: String,
    pub letter: String,
    pub header: String,
}

#[derive(Debug, Clone, Default, Serialize)]
pub struct EnterpriseRead {
    /// The rows that parsed (a row with a bad cell is left out); the caller checks
    /// them further and writes nothing while `problems` is not empty.
    pub rows: Vec<EnterpriseRow>,
    pub problems: Vec<ImportProblem>,
    pub columns: Vec<ColumnRef>,
}

impl EnterpriseRead {
    /// A problem in `field`'s cell of `row` (1-based), found after reading.
    pub fn problem(
        &self,
        sheet: &str,
        row: usize,
        field: &str,
        value: &str,
        message: String,
    ) -> ImportProblem {
        let col = self.columns.iter().find(|c| c.field == field);
        ImportProblem {
            sheet: sheet.to_owned(),
            row,
            column: col.map(|c| c.letter.clone()),
            header: col.map(|c| c.header.clone()),
            field: field.to_owned(),
            value: value.to_owned(),
            message,
        }
    }
}

fn both<E: std::fmt::Display>(e: E) -> String {
    e.to_string()
}

/// Reads the first sheet that has a recognisable header.
pub fn read_enterprises(bytes: &[u8], file_name: &str) -> EnterpriseRead {
    let mut out = EnterpriseRead::default();
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
        out.problems.push(ImportProblem {
            sheet: sheets.first().map(|s| s.name.clone()).unwrap_or_default(),
            row: 0,
            column: None,
            header: None,
            field: "header".into(),
            value: String::new(),
            message: "找不到表头：须含统一社会信用代码、企业名称、行业代码等列 / no header row found: the file needs columns such as 统一社会信用代码, 企业名称, 行业代码".into(),
        });
        return out;
    };
    out.columns = layout
        .columns
        .iter()
        .map(|c| ColumnRef {
            field: c.field.to_owned(),
            letter: column_letter(c.index),
            header: c.header.clone(),
        })
        .collect();
    for field in REQUIRED {
        if layout.column(field).is_none() {
            out.problems.push(ImportProblem {
                sheet: sheet.name.clone(),
                row: layout.last_header_row + 1,
                column: None,
                header: None,
                field: (*field).to_owned(),
                value: String::new(),
                message: format!("缺少必需的列 {field} / required column {field} is missing"),
            });
        }
    }
    if !out.problems.is_empty() {
        return out;
    }
    let mut rows = Vec::new();
    let mut seen = std::collections::HashMap::new();
    for r in layout.last_header_row + 1..sheet.rows.len() {
        if sheet.rows[r].iter().all(|c| c.trim().is_empty()) {
            continue;
        }
        if let Some(row) = parse_row(sheet, &layout, r, &mut out.problems) {
            if let Some(first) = seen.insert(row.credit_code.clone(), row.row) {
                out.problems.push(cell(
                    sheet,
                    &layout,
                    r,
                    "code",
                    format!(
                        "统一社会信用代码与第 {first} 行重复 / the credit code repeats row {first}"
                    ),
                ));
            }
            rows.push(row);
        }
    }
    out.rows = rows;
    out
}

fn cell(
    sheet: &crate::power_list::Sheet,
    layout: &Layout,
    r: usize,
    field: &str,
    message: String,
) -> ImportProblem {
    let col = layout.column(field);
    ImportProblem {
        sheet: sheet.name.clone(),
        row: r + 1,
        column: col.map(|c| column_letter(c.index)),
        header: col.map(|c| c.header.clone()),
        field: field.to_owned(),
        value: col.map_or("", |c| sheet.cell(r, c.index)).trim().to_owned(),
        message,
    }
}

fn parse_row(
    sheet: &crate::power_list::Sheet,
    layout: &Layout,
    r: usize,
    problems: &mut Vec<ImportProblem>,
) -> Option<EnterpriseRow> {
    let text = |field: &str| {
        layout
            .column(field)
            .map_or("", |c| sheet.cell(r, c.index))
            .trim()
            .to_owned()
    };
    let mut ok = true;
    let mut required = |field: &str, problems: &mut Vec<ImportProblem>| {
        let v = text(field);
        if v.is_empty() {
            ok = false;
            problems.push(cell(
                sheet,
                layout,
                r,
                field,
                "必填项为空 / required value is empty".into(),
            ));
        }
        v
    };
    let code = required("code", problems);
    let name = required("name_zh", problems);
    let industry = required("industry", problems);
    let address = required("address", problems);
    let street = required("street", problems);
    let size = required("size", problems);
    let mut parse = |field: &str, value: &str, f: &dyn Fn(&str) -> Result<(), String>| {
        if value.is_empty() {
            return;
        }
        if let Err(m) = f(value) {
            problems.push(cell(sheet, layout, r, field, m));
        }
    };
    // Each cell is parsed once below; the closures above only report.
    let credit_code = CreditCode::parse(&code);
    if let Err(e) = &credit_code {
        parse("code", &code, &|_| {
            Err(format!("{} / {}", e.message(Lang::Zh), e.message(Lang::En)))
        });
    }
    let industry_code = IndustryCode::parse(&industry);
    if let Err(e) = &industry_code {
        parse("industry", &industry, &|_| Err(both(e)));
    }
    let size_v = EnterpriseSize::parse(&size);
    if let Err(e) = &size_v {
        parse("size", &size, &|_| Err(both(e)));
    }
    let hazards_text = text("hazards");
    let hazards = HazardFlag::parse_list(&hazards_text);
    if let Err(e) = &hazards {
        parse("hazards", &hazards_text, &|_| Err(both(e)));
    }
    let location = location(&text("location"), &text("lon"), &text("lat"));
    if let Err((field, value, m)) = &location {
        parse(field, value, &|_| Err(m.clone()));
    }
    let from_text = text("valid_from");
    let valid_from = if from_text.is_empty() {
        Ok(None)
    } else {
        crate::power_list::dates::parse_list_day(&from_text).map(Some)
    };
    if let Err(m) = &valid_from {
        parse("valid_from", &from_text, &|_| Err(m.clone()));
    }
    let (Ok(credit_code), Ok(industry), Ok(size), Ok(hazards), Ok(location), Ok(valid_from)) = (
        credit_code,
        industry_code,
        size_v,
        hazards,
        location,
        valid_from,
    ) else {
        return None;
    };
    if !ok {
        return None;
    }
    let park = Some(text("park")).filter(|p| !p.is_empty());
    Some(EnterpriseRow {
        sheet: sheet.name.clone(),
        row: r + 1,
        credit_code,
        name: Name::new(name, text("name_en")),
        industry,
        address,
        street,
        park,
        location,
        size,
        hazards,
        valid_from,
    })
}

/// Coordinates from one `坐标` cell or from `经度` and `纬度`.
fn location(
    both_cell: &str,
    lon: &str,
    lat: &str,
) -> Result<Option<LonLat>, (&'static str, String, String)> {
    if !both_cell.is_empty() {
        return LonLat::parse(both_cell)
            .map(Some)
            .map_err(|e| ("location", both_cell.to_owned(), e.to_string()));
    }
    match (lon.is_empty(), lat.is_empty()) {
        (true, true) => Ok(None),
        (false, false) => LonLat::parse(&format!("{lon},{lat}"))
            .map(Some)
            .map_err(|e| ("lon", format!("{lon},{lat}"), e.to_string())),
        (false, true) => Err((
            "lat",
            String::new(),
            "有经度而无纬度 / longitude without latitude".into(),
        )),
        (true, false) => Err((
            "lon",
            String::new(),
            "有纬度而无经度 / latitude without longitude".into(),
        )),
    }
}
