//! The coverage exceptions as an xlsx sheet for the safety committee (安委会): one row
//! per exception (a gap or an overlap of one party for one enterprise), then the
//! mapping's own overlaps, under a title with the date and the totals. Written by the
//! shared streaming writer ([`crate::xlsx`]).

use crate::csv_out::neutralise_formula;
use crate::xlsx::{Layout, SheetWriter, Style, XlsxError};
use std::path::Path;
use zonegov_domain::Lang;
use zonegov_domain::safety::CoverageReport;

const COLUMNS: &[(&str, f64)] = &[
    ("序号 No.", 8.0),
    ("统一社会信用代码 Credit code", 24.0),
    ("企业名称 Name", 36.0),
    ("责任类别 Party", 14.0),
    ("异常类型 Exception", 18.0),
    ("涉及规则 Rule keys", 40.0),
    ("同时指定 Claimants", 20.0),
    ("说明 Description", 60.0),
];

/// Writes `report`'s exceptions to `path`; `name_of` gives an enterprise's name by
/// credit code (empty when unknown). Returns the number of exception rows.
pub fn write_exceptions(
    path: &Path,
    report: &CoverageReport,
    name_of: &dyn Fn(&str) -> String,
) -> Result<usize, XlsxError> {
    let widths: Vec<f64> = COLUMNS.iter().map(|c| c.1).collect();
    let last = u16::try_from(COLUMNS.len() - 1).unwrap_or(0);
    let mut sheet = SheetWriter::create(
        path,
        &Layout {
            sheet_name: "覆盖异常",
            widths: &widths,
            frozen_rows: 2,
            merged_columns: &[],
        },
    )?;
    let title = format!(
        "安全生产责任覆盖异常清单（{}）：企业 {} 家，异常 {} 项 / Work-safety coverage exceptions ({}): {} enterprises, {} exceptions",
        report.as_of,
        report.total,
        report.exception_count(),
        report.as_of,
        report.total,
        report.exception_count()
    );
    sheet.begin_row(Some(30.0))?;
    sheet.text(0, Style::Title, &title)?;
    for col in 1..=last {
        sheet.blank(col, Style::Title)?;
    }
    sheet.end_row()?;
    sheet.merge_across(0, 0, last);
    sheet.begin_row(None)?;
    for (col, (header, _)) in (0u16..).zip(COLUMNS) {
        sheet.text(col, Style::Header, header)?;
    }
    sheet.end_row()?;
    let mut n = 0usize;
    for x in report.examples() {
        n += 1;
        let keys = x
            .keys
            .iter()
            .map(|k| k.label(Lang::Zh))
            .collect::<Vec<_>>()
            .join("、");
        let claimants = x
            .claimants
            .iter()
            .map(|c| c.as_str())
            .collect::<Vec<_>>()
            .join("、");
        let cells = [
            n.to_string(),
            x.credit_code.to_string(),
            name_of(x.credit_code.as_str()),
            x.party().label(Lang::Zh).to_owned(),
            x.kind.label(Lang::Zh).to_owned(),
            keys,
            claimants,
            x.message(Lang::Zh),
        ];
        sheet.begin_row(None)?;
        for (col, text) in (0u16..).zip(cells.iter()) {
            sheet.text(col, Style::Body, &neutralise_formula(text))?;
        }
        sheet.end_row()?;
    }
    for m in &report.mapping_overlaps {
        n += 1;
        let claimants = m
            .claimants
            .iter()
            .map(|c| c.as_str())
            .collect::<Vec<_>>()
            .join("、");
        let cells = [
            n.to_string(),
            String::new(),
            "（映射本身）/ (the mapping itself)".to_owned(),
            m.party.label(Lang::Zh).to_owned(),
            "映射重叠 Mapping overlap".to_owned(),
            m.key.label(Lang::Zh),
            claimants,
            format!("{} 同时指定多个主体，须由安委会确定", m.key.label(Lang::Zh)),
        ];
        sheet.begin_row(None)?;
        for (col, text) in (0u16..).zip(cells.iter()) {
            sheet.text(col, Style::Body, &neutralise_formula(text))?;
        }
        sheet.end_row()?;
    }
    sheet.finish()?;
    Ok(n)
}
