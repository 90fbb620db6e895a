//! Reform plans as files: the TOML form (every operation written out, how the demo
//! records its reforms) and the table form staffing offices write in Excel or CSV
//! (old body → new body, operation, quota moves). Both give a
//! [`zonegov_domain::reform::Reform`]; every problem is located (file, row or line,
//! column, field, value) through the power list's [`ImportProblem`], and a file with
//! any problem gives no reform at all.

mod table;
mod toml_form;

pub use table::{ALIASES, ReformHead, read_reform_table};
pub use toml_form::{read_reform_toml, reform_from_toml};

use crate::power_list::ImportProblem;

/// Where a dataset records its reforms as operations, one TOML file each.
pub const REFORMS_DIR: &str = "reforms";
use std::path::Path;
use zonegov_domain::reform::Reform;

/// Reads a reform from `path`: `.toml` carries its own head (id, 文号, date,
/// reason); a table (`.xlsx`, `.csv`) takes it from `head`.
/// Outline files are looked up beside the plan.
pub fn read_reform(path: &Path, head: Option<&ReformHead>) -> Result<Reform, Vec<ImportProblem>> {
    read_reform_in(path, head, path.parent().unwrap_or(Path::new(".")))
}

/// [`read_reform`] with outline files looked up in `base`.
pub fn read_reform_in(
    path: &Path,
    head: Option<&ReformHead>,
    base: &Path,
) -> Result<Reform, Vec<ImportProblem>> {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let bytes = std::fs::read(path).map_err(|e| {
        vec![file_problem(
            &name,
            format!("无法读取文件 / cannot read {}: {e}", path.display()),
        )]
    })?;
    if name.to_ascii_lowercase().ends_with(".toml") {
        let text = String::from_utf8(bytes).map_err(|_| {
            vec![file_problem(
                &name,
                "文件不是 UTF-8 文本 / the file is not UTF-8 text".into(),
            )]
        })?;
        return reform_from_toml(&text, &name, base);
    }
    let Some(head) = head else {
        return Err(vec![file_problem(
            &name,
            "表格形式的改革方案须给出编号、文号、生效日期和原因 (--id --doc-no --effective --reason) / a table plan needs its id, document number, effective date and reason".into(),
        )]);
    };
    read_reform_table(&bytes, &name, head)
}

pub(crate) fn file_problem(file: &str, message: String) -> ImportProblem {
    ImportProblem {
        sheet: file.to_owned(),
        row: 0,
        column: None,
        header: None,
        field: "file".into(),
        value: String::new(),
        message,
    }
}
