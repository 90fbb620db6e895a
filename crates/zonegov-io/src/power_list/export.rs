//! Writing the list: xlsx in the published layout (title row, header, one row per
//! responsibility, the item's cells merged down across its rows) and CSV in the
//! canonical layout (the item's cells repeated on each row). Both writers take items
//! one at a time, so a caller streams pages from the store and never holds the list;
//! the xlsx sheet is compressed into the file row by row ([`super::export_xlsx`]).
//! Text that a spreadsheet would run as a formula is neutralised with a leading `'`
//! in both formats (OWASP's CSV-injection advice).

use crate::csv_out::neutralise_formula;
use crate::xlsx::{Layout, SheetWriter, Style, XlsxError};
use std::io::Write;
use std::path::Path;
use zonegov_domain::Version;
use zonegov_domain::power::citation::format_citations;
use zonegov_domain::power::{BasisRole, PowerItem};

/// Columns of the export: canonical key, published header, width, whether the cell
/// is the item's (merged down) rather than the responsibility row's.
pub const COLUMNS: &[(&str, &str, f64, bool)] = &[
    ("code", "权力编码", 14.0, true),
    ("item_type", "权力类型", 10.0, true),
    ("name", "权力事项名称", 24.0, true),
    ("sub_item", "子项名称", 16.0, true),
    ("body", "实施主体", 12.0, true),
    ("handling_unit", "承办机构", 14.0, true),
    ("level", "行使层级", 8.0, true),
    ("basis_setting", "设定依据", 36.0, true),
    ("basis_implementing", "实施依据", 36.0, true),
    ("step", "责任环节", 10.0, false),
    ("duty", "责任事项", 40.0, false),
    ("duty_basis", "责任事项依据", 30.0, false),
    ("accountability", "追责情形", 36.0, true),
    ("accountability_basis", "追责依据", 30.0, true),
    ("phone", "监督电话", 14.0, true),
    ("remarks", "备注", 16.0, true),
    ("valid_from", "生效日期", 12.0, true),
    ("valid_to", "失效日期", 12.0, true),
];

/// Canonical CSV adds the dataset's provenance and change columns.
const CSV_EXTRA: &[&str] = &["change", "source", "basis", "facts"];

/// The cells of one item: the item's own cells, then one row of responsibility
/// cells per responsibility (at least one row).
fn cells(v: &Version<PowerItem>) -> (Vec<String>, Vec<[String; 3]>) {
    let it = &v.attrs;
    let basis = |role| {
        let cs: Vec<_> = it
            .basis
            .iter()
            .filter(|c| c.role == role)
            .cloned()
            .collect();
        format_citations(&cs)
    };
    let mut acc_basis: Vec<_> = Vec::new();
    for a in &it.accountability {
        for c in &a.basis {
            if !acc_basis.contains(c) {
                acc_basis.push(c.clone());
            }
        }
    }
    let item = vec![
        v.code.as_str().to_owned(),
        it.item_type.clone(),
        it.name.zh.clone(),
        it.sub_item.clone().unwrap_or_default(),
        it.body.as_str().to_owned(),
        it.handling_unit.clone().unwrap_or_default(),
        it.level.clone().unwrap_or_default(),
        basis(BasisRole::Setting),
        basis(BasisRole::Implementing),
        String::new(),
        String::new(),
        String::new(),
        it.accountability
            .iter()
            .map(|a| a.situation.as_str())
            .collect::<Vec<_>>()
            .join("\n"),
        format_citations(&acc_basis),
        it.supervision_phone.clone().unwrap_or_default(),
        it.remarks.clone().unwrap_or_default(),
        v.period.from().format("%Y-%m-%d").to_string(),
        v.period
            .to()
            .map(|d| d.format("%Y-%m-%d").to_string())
            .unwrap_or_default(),
    ];
    let mut rows: Vec<[String; 3]> = it
        .responsibilities
        .iter()
        .map(|r| [r.step.clone(), r.duty.clone(), format_citations(&r.basis)])
        .collect();
    if rows.is_empty() {
        rows.push(Default::default());
    }
    (item, rows)
}

/// Index of the first responsibility column in [`COLUMNS`].
const ROW_COL: usize = 9;

/// The sheet's name.
const SHEET: &str = "权责清单";

/// Streams items to an xlsx file in memory that does not grow with the list
/// (see [`super::export_xlsx`]).
pub struct XlsxListWriter {
    sheet: SheetWriter,
}

impl XlsxListWriter {
    /// Starts the file at `path` with a title row above the header; the file
    /// appears there when [`finish`](Self::finish) succeeds.
    pub fn create(path: &Path, title: &str) -> Result<Self, XlsxError> {
        let widths: Vec<f64> = COLUMNS.iter().map(|c| c.2).collect();
        let merged: Vec<u16> = (0u16..)
            .zip(COLUMNS)
            .filter(|(_, c)| c.3)
            .map(|(i, _)| i)
            .collect();
        let mut sheet = SheetWriter::create(
            path,
            &Layout {
                sheet_name: SHEET,
                widths: &widths,
                frozen_rows: 2,
                merged_columns: &merged,
            },
        )?;
        let last = LAST_COL;
        sheet.begin_row(Some(30.0))?;
        sheet.text(0, Style::Title, &neutralise_formula(title))?;
        for col in 1..=last {
            sheet.blank(col, Style::Title)?;
        }
        sheet.end_row()?;
        sheet.merge_across(0, 0, last);
        sheet.begin_row(None)?;
        for (col, (_, header, _, _)) in (0u16..).zip(COLUMNS) {
            sheet.text(col, Style::Header, header)?;
        }
        sheet.end_row()?;
        Ok(Self { sheet })
    }

    /// Appends one item: one row per responsibility, the item's cells merged down.
    pub fn write(&mut self, v: &Version<PowerItem>) -> Result<(), XlsxError> {
        let (item, rows) = cells(v);
        let first = self.sheet.next_row();
        for (k, row) in rows.iter().enumerate() {
            self.sheet.begin_row(None)?;
            for (col, (own, column)) in (0u16..).zip(item.iter().zip(COLUMNS)) {
                // The item's cells hold text in its first row only; the rows below
                // are formatted blanks under the merge.
                let text = if !column.3 {
                    &row[usize::from(col) - ROW_COL]
                } else if k == 0 {
                    own
                } else {
                    ""
                };
                self.sheet
                    .text(col, Style::Body, &neutralise_formula(text))?;
            }
            self.sheet.end_row()?;
        }
        self.sheet.merge_down(first, self.sheet.next_row() - 1);
        Ok(())
    }

    /// Completes the file and moves it to its path.
    pub fn finish(self) -> Result<(), XlsxError> {
        self.sheet.finish()
    }
}

/// Index of the last column.
const LAST_COL: u16 = COLUMNS.len() as u16 - 1;

/// Streams items as canonical CSV (UTF-8 with a BOM for Excel).
pub struct CsvListWriter<W: Write> {
    out: csv::Writer<W>,
}

impl<W: Write> CsvListWriter<W> {
    /// Starts the file: BOM and header.
    pub fn new(mut sink: W) -> Result<Self, csv::Error> {
        sink.write_all(b"\xEF\xBB\xBF")?;
        let mut w = Self::continuation(sink);
        let header: Vec<&str> = COLUMNS
            .iter()
            .map(|c| c.0)
            .chain(CSV_EXTRA.iter().copied())
            .collect();
        w.out.write_record(&header)?;
        Ok(w)
    }

    /// Rows only: a later chunk of a file streamed in pieces.
    pub fn continuation(sink: W) -> Self {
        Self {
            out: csv::Writer::from_writer(sink),
        }
    }

    pub fn write(&mut self, v: &Version<PowerItem>) -> Result<(), csv::Error> {
        let (item, rows) = cells(v);
        let p = &v.attrs.provenance;
        let extra = [
            v.change.as_str().to_owned(),
            p.source.to_string(),
            p.basis.clone(),
            p.facts_cell(),
        ];
        for row in rows {
            let mut rec = item.clone();
            rec[ROW_COL..ROW_COL + 3].clone_from_slice(&row);
            rec.extend(extra.iter().cloned());
            self.out
                .write_record(rec.iter().map(|c| neutralise_formula(c)))?;
        }
        Ok(())
    }

    pub fn finish(mut self) -> Result<W, csv::Error> {
        self.out.flush()?;
        self.out.into_inner().map_err(|e| e.into_error().into())
    }
}
