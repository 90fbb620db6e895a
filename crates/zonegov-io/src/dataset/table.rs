//! A CSV table read by header name, whose field accessors record precise errors
//! (file, line, column, value) instead of stopping at the first.

use crate::dates::check_date;
use crate::error::DatasetError;
use chrono::NaiveDate;
use csv::StringRecord;
use std::cell::RefCell;
use std::collections::HashMap;
use std::fmt::Display;
use std::path::Path;

pub struct Table {
    pub file: String,
    columns: HashMap<String, usize>,
    rows: Vec<(u64, StringRecord)>,
}

/// Separator inside a cell holding a list (industries, streets, plates).
pub const LIST_SEPARATOR: char = '|';

impl Table {
    /// Reads `dir/file`, insisting on every `required` column and refusing columns
    /// that are neither required nor `optional` (a misspelt header would otherwise
    /// silently drop a column's data).
    pub fn read(
        dir: &Path,
        file: &str,
        required: &[&str],
        optional: &[&str],
    ) -> Result<Table, DatasetError> {
        let path = dir.join(file);
        let bytes = std::fs::read(&path)
            .map_err(|e| DatasetError::file(file, format!("cannot read: {e}")))?;
        let bytes = bytes
            .strip_prefix(b"\xEF\xBB\xBF".as_slice())
            .unwrap_or(&bytes);
        let mut reader = csv::ReaderBuilder::new()
            .has_headers(true)
            .from_reader(bytes);
        let headers = reader
            .headers()
            .map_err(|e| DatasetError::file(file, format!("bad header line: {e}")))?
            .clone();
        let mut columns = HashMap::new();
        for (i, h) in headers.iter().enumerate() {
            let h = h.trim();
            if !required.contains(&h) && !optional.contains(&h) {
                return Err(DatasetError::at(
                    file,
                    1,
                    h,
                    None,
                    format!(
                        "unknown column; expected columns: {}",
                        required
                            .iter()
                            .chain(optional)
                            .copied()
                            .collect::<Vec<_>>()
                            .join(", ")
                    ),
                ));
            }
            if columns.insert(h.to_owned(), i).is_some() {
                return Err(DatasetError::at(file, 1, h, None, "column appears twice"));
            }
        }
        for r in required {
            if !columns.contains_key(*r) {
                return Err(DatasetError::at(
                    file,
                    1,
                    r,
                    None,
                    "required column is missing",
                ));
            }
        }
        let mut rows = Vec::new();
        for rec in reader.records() {
            let rec = rec.map_err(|e| {
                let line = e.position().map(|p| p.line()).unwrap_or(0);
                DatasetError {
                    file: file.to_owned(),
                    line: Some(line),
                    field: None,
                    value: None,
                    message: format!("malformed CSV row: {e}"),
                }
            })?;
            let line = rec.position().map(|p| p.line()).unwrap_or(0);
            if rec.iter().all(|c| c.trim().is_empty()) {
                continue;
            }
            rows.push((line, rec));
        }
        Ok(Table {
            file: file.to_owned(),
            columns,
            rows,
        })
    }

    pub fn rows<'a>(
        &'a self,
        errors: &'a RefCell<Vec<DatasetError>>,
    ) -> impl Iterator<Item = Row<'a>> {
        self.rows.iter().map(move |(line, rec)| Row {
            table: self,
            line: *line,
            rec,
            errors,
        })
    }
}

pub struct Row<'a> {
    table: &'a Table,
    pub line: u64,
    rec: &'a StringRecord,
    errors: &'a RefCell<Vec<DatasetError>>,
}

impl<'a> Row<'a> {
    /// The trimmed cell, or `None` when empty or the column is absent.
    pub fn text(&self, field: &str) -> Option<&'a str> {
        let i = *self.table.columns.get(field)?;
        let v = self.rec.get(i)?.trim();
        (!v.is_empty()).then_some(v)
    }

    pub fn error(&self, field: &str, value: Option<&str>, message: impl Into<String>) {
        self.errors.borrow_mut().push(DatasetError::at(
            &self.table.file,
            self.line,
            field,
            value,
            message,
        ));
    }

    pub fn required(&self, field: &str) -> Option<&'a str> {
        let v = self.text(field);
        if v.is_none() {
            self.error(field, None, "required value is empty");
        }
        v
    }

    /// Parses a required cell, recording the parser's message on failure.
    pub fn parse<T, E: Display>(
        &self,
        field: &str,
        parse: impl FnOnce(&str) -> Result<T, E>,
    ) -> Option<T> {
        let v = self.required(field)?;
        parse(v)
            .map_err(|e| self.error(field, Some(v), e.to_string()))
            .ok()
    }

    /// Parses an optional cell: empty is `Some(None)`, a bad value is `None`.
    pub fn parse_opt<T, E: Display>(
        &self,
        field: &str,
        parse: impl FnOnce(&str) -> Result<T, E>,
    ) -> Option<Option<T>> {
        match self.text(field) {
            None => Some(None),
            Some(v) => parse(v)
                .map(Some)
                .map_err(|e| self.error(field, Some(v), e.to_string()))
                .ok(),
        }
    }

    pub fn date(&self, field: &str) -> Option<NaiveDate> {
        self.parse(field, check_date)
    }

    pub fn opt_date(&self, field: &str) -> Option<Option<NaiveDate>> {
        self.parse_opt(field, check_date)
    }

    pub fn list(&self, field: &str) -> Vec<String> {
        self.text(field)
            .map(|v| {
                v.split(LIST_SEPARATOR)
                    .map(str::trim)
                    .filter(|s| !s.is_empty())
                    .map(str::to_owned)
                    .collect()
            })
            .unwrap_or_default()
    }

    pub fn bool(&self, field: &str) -> Option<bool> {
        self.parse(field, |v| match v {
            "true" | "yes" | "1" | "是" => Ok(true),
            "false" | "no" | "0" | "否" => Ok(false),
            _ => Err("expected true/false (是/否)"),
        })
    }

    pub fn count(&self, field: &str) -> Option<Option<u32>> {
        self.parse_opt(field, |v| {
            v.parse::<u32>().map_err(|_| "expected a whole number ≥ 0")
        })
    }
}
