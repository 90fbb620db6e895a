//! The power and responsibility list (权责清单) as published files: read from CSV or
//! .xlsx in whatever layout a locality prints, written back in the published layout.
//!
//! Reading goes through three steps, each in its own file:
//! - [`grid`]: the file becomes sheets of text cells (merged xlsx regions filled from
//!   their top-left cell, date cells as days);
//! - [`header`]: the header row (or a two-row grouped header) is found by scoring rows
//!   against the alias table, and each column mapped to a canonical field;
//! - [`assemble`]: rows become items (continuation rows, multi-step cells, notes rows)
//!   and every problem is collected with sheet, row, column, field and value.
//!
//! Writing ([`export`]) streams items page by page to xlsx or CSV.

pub mod assemble;
pub mod dates;
pub mod export;
/// The writer moved to [`crate::xlsx`]; these names keep their old paths.
pub use crate::xlsx::sheet as export_xlsx;
pub use crate::xlsx::xml as export_xml;
pub mod grid;
pub mod header;

use chrono::NaiveDate;
use serde::Serialize;
use zonegov_domain::power::{CodingRule, PowerCatalog, PowerItem};
use zonegov_domain::{Code, Provenance};

pub use crate::xlsx::XlsxError;
pub use assemble::{ItemAction, assemble};
pub use export::{CsvListWriter, XlsxListWriter};
pub use grid::{Sheet, read_grid};

/// One assembled item of the file.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ParsedItem {
    pub code: Code,
    pub item: PowerItem,
    pub valid_from: Option<NaiveDate>,
    pub valid_to: Option<NaiveDate>,
    /// The change set named in the file (dataset layout only).
    pub change: Option<Code>,
    /// What an adjustment file does with the item (see [`assemble::ItemAction`]).
    pub action: Option<assemble::ItemAction>,
    /// Rows as the user sees them (1-based), first and last of the item.
    pub first_row: usize,
    pub last_row: usize,
}

/// One problem, located as the user sees the file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ImportProblem {
    pub sheet: String,
    /// 1-based row number; 0 for a problem with the whole file.
    pub row: usize,
    /// Column letter (`C`), when the problem is in one cell.
    pub column: Option<String>,
    /// The header text of that column as written in the file.
    pub header: Option<String>,
    /// The canonical field key (`code`, `body` …).
    pub field: String,
    pub value: String,
    /// Chinese first, then English.
    pub message: String,
}

impl std::fmt::Display for ImportProblem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} 第{}行", self.sheet, self.row)?;
        if let Some(c) = &self.column {
            write!(f, " {c}列")?;
        }
        if let Some(h) = &self.header {
            write!(f, "（{h}）")?;
        }
        write!(f, " [{}] {:?}: {}", self.field, self.value, self.message)
    }
}

/// What reading a file gave: items only when there is no problem at all.
#[derive(Debug, Clone, Default, Serialize)]
pub struct PowerListRead {
    pub items: Vec<ParsedItem>,
    pub problems: Vec<ImportProblem>,
    /// Rows skipped on purpose (title rows, notes), said so.
    pub notes: Vec<String>,
}

/// Turns the text of the 实施主体 cell into an institution code, by code or by name
/// as of the item's start day. The reader never touches the store: the caller
/// resolves against whatever it holds.
pub trait BodyResolver {
    /// `Err` carries the message (Chinese / English).
    fn resolve(&self, text: &str, on: Option<NaiveDate>) -> Result<Code, String>;
}

impl<F> BodyResolver for F
where
    F: Fn(&str, Option<NaiveDate>) -> Result<Code, String>,
{
    fn resolve(&self, text: &str, on: Option<NaiveDate>) -> Result<Code, String> {
        self(text, on)
    }
}

/// The configuration a list is read against.
#[derive(Debug, Clone, Default)]
pub struct ReadOptions {
    pub rule: CodingRule,
    pub catalog: PowerCatalog,
    /// Provenance of items whose row has no `source` column.
    pub provenance: Provenance,
}

/// Reads a list from `bytes`; the format comes from `file_name`'s extension
/// (`.xlsx` or `.csv`). Every problem is collected; `items` is empty when there is any.
pub fn read_power_list(
    bytes: &[u8],
    file_name: &str,
    options: &ReadOptions,
    bodies: &dyn BodyResolver,
) -> PowerListRead {
    match read_grid(bytes, file_name) {
        Ok(sheets) => assemble(&sheets, options, bodies),
        Err(p) => PowerListRead {
            problems: vec![*p],
            ..PowerListRead::default()
        },
    }
}

/// Column letters as spreadsheets show them: 0 → A, 26 → AA.
pub fn column_letter(mut index: usize) -> String {
    let mut out = Vec::new();
    loop {
        out.push(b'A' + (index % 26) as u8);
        if index < 26 {
            break;
        }
        index = index / 26 - 1;
    }
    out.reverse();
    String::from_utf8_lossy(&out).into_owned()
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    #[test]
    fn column_letters() {
        assert_eq!(super::column_letter(0), "A");
        assert_eq!(super::column_letter(25), "Z");
        assert_eq!(super::column_letter(26), "AA");
        assert_eq!(super::column_letter(27), "AB");
    }
}
