//! The quota ledger as a table (for CSV, xlsx and the CLI's text): one row per body
//! and quota type, then the totals per type. Every front end prints these rows, so
//! they agree.

use crate::csv_out::neutralise_formula;
use crate::xlsx::{Layout, SheetWriter, Style, XlsxError};
use std::path::Path;
use zonegov_domain::Lang;
use zonegov_domain::staffing::Ledger;

pub const HEADER: &[&str] = &[
    "代码 Code",
    "单位 Body",
    "编制类型 Quota type",
    "编制数 Quota",
    "实有人数 In post",
    "空编 Vacant",
    "三定 Recorded",
];

/// Body rows (types with a quota or people only), then one `合计 Total` row per type.
pub fn ledger_rows(l: &Ledger, lang: Lang) -> Vec<Vec<String>> {
    let opt = |n: Option<u32>| n.map(|n| n.to_string()).unwrap_or_else(|| "—".to_owned());
    let yes_no = |b: bool| {
        lang.pick(if b { "是" } else { "否" }, if b { "yes" } else { "no" })
            .to_owned()
    };
    let mut rows = Vec::new();
    for b in &l.bodies {
        for c in b
            .cells
            .iter()
            .filter(|c| c.quota > 0 || c.occupied.unwrap_or(0) > 0)
        {
            rows.push(vec![
                b.code.to_string(),
                b.name.get(lang).to_owned(),
                c.quota_type.label(lang).to_owned(),
                c.quota.to_string(),
                opt(c.occupied),
                opt(c.vacant),
                yes_no(b.recorded),
            ]);
        }
    }
    for t in &l.types {
        rows.push(vec![
            String::new(),
            lang.pick("合计", "Total").to_owned(),
            t.quota_type.label(lang).to_owned(),
            t.quota.to_string(),
            t.occupied.to_string(),
            t.vacant.to_string(),
            format!(
                "{} {}",
                lang.pick("未录三定编制", "quota without 三定:"),
                t.unrecorded
            ),
        ]);
    }
    rows
}

/// Writes the ledger as a one-sheet xlsx under a title with the date.
pub fn write_ledger(path: &Path, l: &Ledger, lang: Lang) -> Result<usize, XlsxError> {
    let widths = [10.0, 36.0, 16.0, 10.0, 10.0, 10.0, 22.0];
    let last = u16::try_from(HEADER.len() - 1).unwrap_or(0);
    let mut sheet = SheetWriter::create(
        path,
        &Layout {
            sheet_name: "编制台账",
            widths: &widths,
            frozen_rows: 2,
            merged_columns: &[],
        },
    )?;
    sheet.begin_row(Some(30.0))?;
    sheet.text(
        0,
        Style::Title,
        &format!("编制台账（{}）/ Quota ledger ({})", l.day, l.day),
    )?;
    for col in 1..=last {
        sheet.blank(col, Style::Title)?;
    }
    sheet.end_row()?;
    sheet.merge_across(0, 0, last);
    sheet.begin_row(None)?;
    for (col, h) in (0u16..).zip(HEADER) {
        sheet.text(col, Style::Header, h)?;
    }
    sheet.end_row()?;
    let rows = ledger_rows(l, lang);
    for r in &rows {
        sheet.begin_row(None)?;
        for (col, cell) in (0u16..).zip(r) {
            sheet.text(col, Style::Body, &neutralise_formula(cell))?;
        }
        sheet.end_row()?;
    }
    sheet.finish()?;
    Ok(rows.len())
}

/// The ledger as aligned text for the terminal: totals per type, then each body.
pub fn ledger_text(l: &Ledger, lang: Lang) -> String {
    let mut out = format!("{} {}\n", lang.pick("编制台账", "Quota ledger"), l.day);
    for t in &l.types {
        out.push_str(&format!(
            "  {}: {} {}, {} {}, {} {}, {} {}\n",
            t.quota_type.label(lang),
            lang.pick("编制", "quota"),
            t.quota,
            lang.pick("实有", "in post"),
            t.occupied,
            lang.pick("空编", "vacant"),
            t.vacant,
            lang.pick("未录三定", "without 三定"),
            t.unrecorded
        ));
    }
    for r in ledger_rows(l, lang).iter().filter(|r| !r[0].is_empty()) {
        out.push_str(&format!(
            "  {} {} {}: {} / {} / {}\n",
            r[0], r[1], r[2], r[3], r[4], r[5]
        ));
    }
    out
}
