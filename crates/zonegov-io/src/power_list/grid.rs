//! A file as sheets of text cells. xlsx merged regions are filled from their top-left
//! cell, so a merged-down item or a grouped header reads like the CSV form where the
//! value repeats; date cells become `YYYY-MM-DD`.

use super::ImportProblem;
use super::dates::serial_to_day;
use calamine::{Data, Reader, Xlsx};
use std::io::Cursor;

/// One sheet: its name and its rows of trimmed-free text (as written).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sheet {
    pub name: String,
    pub rows: Vec<Vec<String>>,
}

impl Sheet {
    pub fn cell(&self, row: usize, col: usize) -> &str {
        self.rows
            .get(row)
            .and_then(|r| r.get(col))
            .map_or("", String::as_str)
    }
}

fn file_problem(sheet: &str, message: String) -> Box<ImportProblem> {
    Box::new(ImportProblem {
        sheet: sheet.to_owned(),
        row: 0,
        column: None,
        header: None,
        field: "file".to_owned(),
        value: String::new(),
        message,
    })
}

/// The sheets of `bytes`, by `file_name`'s extension.
pub fn read_grid(bytes: &[u8], file_name: &str) -> Result<Vec<Sheet>, Box<ImportProblem>> {
    let lower = file_name.to_ascii_lowercase();
    if lower.ends_with(".xlsx") || lower.ends_with(".xlsm") {
        read_xlsx(bytes, file_name)
    } else if lower.ends_with(".csv") || lower.ends_with(".txt") {
        read_csv(bytes, file_name).map(|s| vec![s])
    } else {
        Err(file_problem(
            file_name,
            format!(
                "不支持的文件类型，请上传 .xlsx 或 .csv 文件 / unsupported file type \"{file_name}\": upload .xlsx or .csv"
            ),
        ))
    }
}

fn read_csv(bytes: &[u8], name: &str) -> Result<Sheet, Box<ImportProblem>> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let text = std::str::from_utf8(bytes).map_err(|e| {
        file_problem(
            name,
            format!(
                "CSV 文件须为 UTF-8 编码（Excel 请选“CSV UTF-8”）/ the CSV file must be UTF-8 (in Excel choose \"CSV UTF-8\"): {e}"
            ),
        )
    })?;
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes());
    let mut rows = Vec::new();
    for (i, rec) in reader.records().enumerate() {
        let rec = rec.map_err(|e| {
            file_problem(
                name,
                format!("第{}行无法读取 / row {} cannot be read: {e}", i + 1, i + 1),
            )
        })?;
        rows.push(rec.iter().map(unquote).collect());
    }
    Ok(Sheet {
        name: name.to_owned(),
        rows,
    })
}

fn read_xlsx(bytes: &[u8], name: &str) -> Result<Vec<Sheet>, Box<ImportProblem>> {
    let bad = |e: &dyn std::fmt::Display| {
        file_problem(
            name,
            format!("无法读取 xlsx 文件 / cannot read the xlsx file: {e}"),
        )
    };
    let mut book: Xlsx<_> = Xlsx::new(Cursor::new(bytes)).map_err(|e| bad(&e))?;
    let mut out = Vec::new();
    for sheet in book.sheet_names() {
        let range = book.worksheet_range(&sheet).map_err(|e| bad(&e))?;
        let merges = match book.worksheet_merge_cells(&sheet) {
            Some(m) => m.map_err(|e| bad(&e))?,
            None => Vec::new(),
        };
        let (height, width) = match range.end() {
            Some((r, c)) => (r as usize + 1, c as usize + 1),
            None => (0, 0),
        };
        let mut rows = vec![vec![String::new(); width]; height];
        for (r, c, v) in range.used_cells() {
            let (r, c) = (
                r + range.start().map_or(0, |s| s.0 as usize),
                c + range.start().map_or(0, |s| s.1 as usize),
            );
            if let Some(cell) = rows.get_mut(r).and_then(|row| row.get_mut(c)) {
                *cell = text_of(v);
            }
        }
        for m in merges {
            let value = rows
                .get(m.start.0 as usize)
                .and_then(|r| r.get(m.start.1 as usize))
                .cloned()
                .unwrap_or_default();
            for r in m.start.0..=m.end.0 {
                for c in m.start.1..=m.end.1 {
                    if let Some(cell) = rows
                        .get_mut(r as usize)
                        .and_then(|row| row.get_mut(c as usize))
                    {
                        cell.clone_from(&value);
                    }
                }
            }
        }
        out.push(Sheet { name: sheet, rows });
    }
    Ok(out)
}

/// Undoes the export's formula neutralisation (`'=1+1` → `=1+1`), so a list
/// exported and read back is the same list.
fn unquote(cell: &str) -> String {
    match cell.strip_prefix('\'') {
        Some(rest) if rest.starts_with(['=', '+', '-', '@', '\t', '\r']) => rest.to_owned(),
        _ => cell.to_owned(),
    }
}

fn text_of(v: &Data) -> String {
    match v {
        Data::Empty => String::new(),
        Data::String(s) => unquote(s),
        Data::Int(i) => i.to_string(),
        Data::Float(f) if f.fract() == 0.0 && f.abs() < 1e15 => format!("{}", *f as i64),
        Data::Float(f) => f.to_string(),
        Data::Bool(b) => b.to_string(),
        Data::DateTime(d) => serial_to_day(d.as_f64()).map_or_else(
            || d.as_f64().to_string(),
            |d| d.format("%Y-%m-%d").to_string(),
        ),
        Data::DateTimeIso(s) => s.chars().take(10).collect(),
        Data::DurationIso(s) => s.clone(),
        Data::Error(e) => format!("#{e:?}"),
    }
}
