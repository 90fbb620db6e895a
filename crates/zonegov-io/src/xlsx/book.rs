//! A workbook of small tables, one per sheet: what a dashboard or report exports
//! (projects by year, investment by park, a chain's gaps, talent by tier, the
//! revolving pool). Each sheet has a title row, a header row kept in view, and rows
//! whose figures are numbers Excel can sum, not text.
//!
//! Tables of a dashboard are small (hundreds of rows), so each sheet is built in
//! memory; the power list's export, which can reach Excel's row limit, streams
//! through [`super::SheetWriter`] instead. Both share the package parts and styles.
//! Text goes in as inline strings, which a spreadsheet never evaluates, so a cell
//! that starts with `=` stays text (the CSV exports neutralise it instead).

use super::sheet::{
    Layout, MAX_ROWS, PartFile, STYLES, Style, XlsxError, content_types, options, root_rels,
    sheet_head, workbook, workbook_rels,
};
use super::xml::{push_num, push_ref, push_text};
use std::collections::BTreeSet;
use std::fmt::Write as _;
use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::Path;
use zip::ZipWriter;

/// One cell of a table.
#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    Text(String),
    /// A figure; a non-finite one is written as text, since a sheet holds no NaN.
    Number(f64),
    Blank,
}

impl From<&str> for Cell {
    fn from(s: &str) -> Self {
        Cell::Text(s.to_owned())
    }
}

impl From<String> for Cell {
    fn from(s: String) -> Self {
        Cell::Text(s)
    }
}

impl From<f64> for Cell {
    fn from(n: f64) -> Self {
        Cell::Number(n)
    }
}

impl From<u32> for Cell {
    fn from(n: u32) -> Self {
        Cell::Number(f64::from(n))
    }
}

impl From<usize> for Cell {
    fn from(n: usize) -> Self {
        // Counts of a dashboard are far below 2^53, where f64 stops being exact.
        Cell::Number(n as f64)
    }
}

/// One sheet: a name on its tab, a title above the header, the rows.
#[derive(Debug, Clone, PartialEq)]
pub struct Table {
    /// The tab's name; cut to Excel's 31 characters, forbidden characters replaced,
    /// and made unique within the book by [`write_book`].
    pub sheet: String,
    pub title: String,
    pub header: Vec<String>,
    pub rows: Vec<Vec<Cell>>,
}

/// The characters a sheet name may not hold.
const FORBIDDEN: &[char] = &['[', ']', ':', '*', '?', '/', '\\'];

/// Excel's limit on a sheet name, in characters.
const MAX_SHEET_NAME: usize = 31;

/// A sheet name Excel accepts, distinct from `taken` (compared as Excel does,
/// ignoring case): forbidden characters become `_`, a name too long is cut, an empty
/// one becomes `Sheet`, and a repeat gets ` (2)`, ` (3)` ….
fn sheet_name(wanted: &str, taken: &BTreeSet<String>) -> String {
    let clean: String = wanted
        .chars()
        .map(|c| {
            if FORBIDDEN.contains(&c) || c.is_control() {
                '_'
            } else {
                c
            }
        })
        .collect();
    // A name may not start or end with an apostrophe.
    let clean = clean.trim().trim_matches('\'').to_owned();
    let base = if clean.is_empty() {
        "Sheet".to_owned()
    } else {
        clean
    };
    let mut n = 1usize;
    loop {
        let suffix = if n == 1 {
            String::new()
        } else {
            format!(" ({n})")
        };
        let room = MAX_SHEET_NAME.saturating_sub(suffix.chars().count());
        let name: String = base.chars().take(room).collect::<String>() + &suffix;
        if !taken.contains(&name.to_lowercase()) {
            return name;
        }
        n += 1;
    }
}

/// Display width of `s` in Excel's character units: a CJK character is two.
fn width_of(s: &str) -> f64 {
    s.chars()
        .map(|c| if (c as u32) < 0x1100 { 1.0 } else { 2.0 })
        .sum()
}

fn cell_text(c: &Cell) -> String {
    match c {
        Cell::Text(t) => t.clone(),
        Cell::Number(n) => n.to_string(),
        Cell::Blank => String::new(),
    }
}

/// Column widths from the header and rows, between 8 and 60 characters.
fn widths(t: &Table) -> Vec<f64> {
    let cols = t
        .rows
        .iter()
        .map(Vec::len)
        .chain([t.header.len()])
        .max()
        .unwrap_or(0);
    (0..cols)
        .map(|i| {
            let header = t.header.get(i).map_or(0.0, |h| width_of(h));
            let body = t
                .rows
                .iter()
                .filter_map(|r| r.get(i))
                .map(|c| width_of(&cell_text(c)))
                .fold(0.0, f64::max);
            (header.max(body) + 2.0).clamp(8.0, 60.0)
        })
        .collect()
}

fn start_cell(out: &mut String, row: u32, col: u16, style: Style) {
    out.push_str("<c r=\"");
    push_ref(out, row, col);
    let _ = write!(out, "\" s=\"{}\"", style as u8);
}

fn push_cell(out: &mut String, row: u32, col: u16, style: Style, cell: &Cell) {
    start_cell(out, row, col, style);
    match cell {
        Cell::Number(n) if n.is_finite() => {
            // Display of an f64 never uses an exponent and round-trips the value.
            let _ = write!(out, "><v>{n}</v></c>");
        }
        Cell::Number(n) => push_inline(out, &n.to_string()),
        Cell::Text(t) if !t.is_empty() => push_inline(out, t),
        Cell::Text(_) | Cell::Blank => out.push_str("/>"),
    }
}

fn push_inline(out: &mut String, text: &str) {
    out.push_str(" t=\"inlineStr\"><is><t xml:space=\"preserve\">");
    push_text(out, text);
    out.push_str("</t></is></c>");
}

fn begin_row(out: &mut String, row: u32, height: Option<f64>) {
    out.push_str("<row r=\"");
    push_num(out, u64::from(row) + 1);
    if let Some(h) = height {
        let _ = write!(out, "\" ht=\"{h}\" customHeight=\"1");
    }
    out.push_str("\">");
}

/// The worksheet XML of one table.
fn sheet_xml(t: &Table, name: &str, selected: bool) -> Result<String, XlsxError> {
    let rows = t.rows.len() as u64 + 2;
    if rows > u64::from(MAX_ROWS) {
        return Err(XlsxError::TooManyRows(rows));
    }
    let widths = widths(t);
    let cols = u16::try_from(widths.len().max(1)).unwrap_or(u16::MAX);
    let mut s = sheet_head(
        &Layout {
            sheet_name: name,
            widths: &widths,
            frozen_rows: 2,
            merged_columns: &[],
        },
        selected,
    );
    begin_row(&mut s, 0, Some(30.0));
    push_cell(&mut s, 0, 0, Style::Title, &Cell::Text(t.title.clone()));
    for col in 1..cols {
        push_cell(&mut s, 0, col, Style::Title, &Cell::Blank);
    }
    s.push_str("</row>");
    begin_row(&mut s, 1, None);
    for (col, h) in (0u16..).zip(&t.header) {
        push_cell(&mut s, 1, col, Style::Header, &Cell::Text(h.clone()));
    }
    s.push_str("</row>");
    for (row, cells) in (2u32..).zip(&t.rows) {
        begin_row(&mut s, row, None);
        for (col, c) in (0u16..).zip(cells) {
            push_cell(&mut s, row, col, Style::Body, c);
        }
        s.push_str("</row>");
    }
    s.push_str("</sheetData>");
    if cols > 1 {
        s.push_str("<mergeCells count=\"1\"><mergeCell ref=\"A1:");
        push_ref(&mut s, 0, cols - 1);
        s.push_str("\"/></mergeCells>");
    }
    s.push_str(
        "<pageMargins left=\"0.7\" right=\"0.7\" top=\"0.75\" bottom=\"0.75\" header=\"0.3\" footer=\"0.3\"/></worksheet>",
    );
    Ok(s)
}

/// Writes `tables` as one workbook at `path`, one sheet each in order (at least
/// one: an empty list gives one empty sheet). Written beside `path` and renamed,
/// so a failure leaves no file.
pub fn write_book(path: &Path, tables: &[Table]) -> Result<(), XlsxError> {
    let empty = [Table {
        sheet: "Sheet".to_owned(),
        title: String::new(),
        header: Vec::new(),
        rows: Vec::new(),
    }];
    let tables = if tables.is_empty() {
        &empty[..]
    } else {
        tables
    };
    let mut taken = BTreeSet::new();
    let names: Vec<String> = tables
        .iter()
        .map(|t| {
            let n = sheet_name(&t.sheet, &taken);
            taken.insert(n.to_lowercase());
            n
        })
        .collect();
    let sheets: Vec<String> = tables
        .iter()
        .zip(&names)
        .enumerate()
        .map(|(i, (t, n))| sheet_xml(t, n, i == 0))
        .collect::<Result<_, _>>()?;
    let mut part = PartFile::beside(path);
    let file = File::create(&part.path)?;
    let mut zip = ZipWriter::new(BufWriter::new(file));
    let opts = options();
    let name_refs: Vec<&str> = names.iter().map(String::as_str).collect();
    for (name, body) in [
        (
            "[Content_Types].xml".to_owned(),
            content_types(sheets.len()),
        ),
        ("_rels/.rels".to_owned(), root_rels()),
        ("xl/workbook.xml".to_owned(), workbook(&name_refs)),
        (
            "xl/_rels/workbook.xml.rels".to_owned(),
            workbook_rels(sheets.len()),
        ),
        ("xl/styles.xml".to_owned(), STYLES.to_owned()),
    ]
    .into_iter()
    .chain(
        (1..)
            .zip(sheets)
            .map(|(n, xml)| (format!("xl/worksheets/sheet{n}.xml"), xml)),
    ) {
        zip.start_file(name, opts)?;
        zip.write_all(body.as_bytes())?;
    }
    let file = zip.finish()?;
    let file = file.into_inner().map_err(|e| e.into_error())?;
    file.sync_all()?;
    drop(file);
    std::fs::rename(&part.path, path)?;
    part.done = true;
    Ok(())
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn sheet_names_are_cleaned_cut_and_unique() {
        let mut taken = BTreeSet::new();
        let a = sheet_name("按园区/投资额[亿元]", &taken);
        assert_eq!(a, "按园区_投资额_亿元_");
        taken.insert(a.to_lowercase());
        assert_eq!(
            sheet_name("按园区/投资额[亿元]", &taken),
            "按园区_投资额_亿元_ (2)"
        );
        let long = "x".repeat(40);
        let cut = sheet_name(&long, &taken);
        assert_eq!(cut.chars().count(), 31);
        taken.insert(cut.to_lowercase());
        let again = sheet_name(&long.to_uppercase(), &taken);
        assert_eq!(again, format!("{} (2)", "X".repeat(27)));
        assert_eq!(sheet_name("''", &taken), "Sheet");
    }

    #[test]
    fn a_book_reads_back_with_numbers_as_numbers() {
        use calamine::{Data, Reader, Xlsx, open_workbook};
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("book.xlsx");
        let t = |sheet: &str, rows: Vec<Vec<Cell>>| Table {
            sheet: sheet.to_owned(),
            title: format!("{sheet} 2024-12-31"),
            header: vec!["类别 Category".to_owned(), "数 Count".to_owned()],
            rows,
        };
        write_book(
            &path,
            &[
                t(
                    "按年度",
                    vec![
                        vec!["2022".into(), 30usize.into()],
                        vec!["=1+1 <&>\u{1}".into(), 106.5f64.into()],
                        vec![Cell::Blank, f64::NAN.into()],
                    ],
                ),
                t("按年度", vec![vec!["x".into(), 1u32.into()]]),
            ],
        )
        .unwrap();
        let mut book: Xlsx<_> = open_workbook(&path).unwrap();
        assert_eq!(book.sheet_names(), vec!["按年度", "按年度 (2)"]);
        let r = book.worksheet_range("按年度").unwrap();
        assert_eq!(
            r.get_value((0, 0)),
            Some(&Data::String("按年度 2024-12-31".into()))
        );
        assert_eq!(r.get_value((2, 1)), Some(&Data::Float(30.0)));
        assert_eq!(
            r.get_value((3, 0)),
            Some(&Data::String("=1+1 <&>\u{1}".into()))
        );
        assert_eq!(r.get_value((3, 1)), Some(&Data::Float(106.5)));
        assert_eq!(r.get_value((4, 1)), Some(&Data::String("NaN".into())));
        let r2 = book.worksheet_range("按年度 (2)").unwrap();
        assert_eq!(r2.get_value((2, 1)), Some(&Data::Float(1.0)));
        assert!(!dir.path().join("book.xlsx.part").exists());
    }
}
