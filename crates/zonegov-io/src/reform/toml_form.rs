//! The TOML form of a reform: the head, then `[[operations]]` tables each with its
//! `op`. A park outline may be written as the name of a GeoJSON file beside the
//! plan (`boundary = "boundaries/P13.geojson"`), checked as the dataset checks it.

use super::file_problem;
use crate::power_list::ImportProblem;
use std::path::Path;
use zonegov_domain::reform::{Operation, Reform};

/// Reads every reform file (`*.toml`) of `dir`, ordered by effective date then id.
/// Outline files are named as the dataset names them, from the dataset directory
/// `dir` sits in (`reforms/` beside `boundaries/`).
pub fn read_reform_toml(dir: &Path) -> Result<Vec<Reform>, Vec<ImportProblem>> {
    let base = dir.parent().unwrap_or(dir);
    let mut files: Vec<_> = std::fs::read_dir(dir)
        .map_err(|e| {
            vec![file_problem(
                &dir.display().to_string(),
                format!("无法读取目录 / cannot read: {e}"),
            )]
        })?
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "toml"))
        .collect();
    files.sort();
    let mut out = Vec::new();
    let mut problems = Vec::new();
    for path in files {
        match super::read_reform_in(&path, None, base) {
            Ok(r) => out.push(r),
            Err(p) => problems.extend(p),
        }
    }
    if !problems.is_empty() {
        return Err(problems);
    }
    out.sort_by(|a, b| a.effective.cmp(&b.effective).then(a.id.cmp(&b.id)));
    Ok(out)
}

/// Parses the TOML text of a reform; `dir` is where outline files are looked up.
pub fn reform_from_toml(text: &str, file: &str, dir: &Path) -> Result<Reform, Vec<ImportProblem>> {
    let mut reform: Reform = toml::from_str(text).map_err(|e| {
        let line = e.span().map_or(0, |s| {
            text[..s.start.min(text.len())].matches('\n').count() + 1
        });
        let value = e
            .span()
            .and_then(|s| text.get(s))
            .unwrap_or_default()
            .chars()
            .take(80)
            .collect();
        vec![ImportProblem {
            sheet: file.to_owned(),
            row: line,
            column: None,
            header: None,
            field: "toml".into(),
            value,
            message: format!(
                "改革方案格式错误 / the reform file is malformed: {}",
                e.message()
            ),
        }]
    })?;
    let mut problems = Vec::new();
    for (i, op) in reform.operations.iter_mut().enumerate() {
        let slot = match op {
            Operation::Redraw { boundary, .. } => boundary,
            Operation::CreatePark { park, .. } => &mut park.boundary,
            _ => continue,
        };
        if let Some(serde_json::Value::String(name)) = slot.as_ref() {
            let name = name.clone();
            match crate::dataset::read_boundary(dir, &name) {
                Ok(geometry) => *slot = Some(geometry),
                Err(message) => problems.push(ImportProblem {
                    sheet: file.to_owned(),
                    row: 0,
                    column: None,
                    header: None,
                    field: format!("operations[{}].boundary", i + 1),
                    value: name,
                    message,
                }),
            }
        } else if let Some(geometry) = slot.as_ref()
            && let Err(e) = zonegov_domain::geo::check_boundary(geometry)
        {
            problems.push(ImportProblem {
                sheet: file.to_owned(),
                row: 0,
                column: None,
                header: None,
                field: format!("operations[{}].boundary", i + 1),
                value: String::new(),
                message: e.to_string(),
            });
        }
    }
    if problems.is_empty() {
        Ok(reform)
    } else {
        Err(problems)
    }
}
