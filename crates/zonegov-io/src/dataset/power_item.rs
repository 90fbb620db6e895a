//! The power list as a dataset table. It is not one row per version like the other
//! tables: an item spans one row per responsibility item, in the published flat
//! layout, so it is read by the list's own reader (`power_list`), the same one that
//! reads uploaded CSV and Excel files, and its problems are mapped to file and row.

use crate::error::DatasetError;
use crate::power_list::{ReadOptions, read_power_list};
use std::path::Path;
use zonegov_domain::{Code, NaiveDate, Period, PowerItem, RecordSet, Version};

/// The manifest key of the table.
pub const KEY: &str = "power-items";

/// Reads `file` into `out`, returning each item's row (for later problems) and
/// every problem with its row, column and value.
pub fn read(dir: &Path, file: &str, out: &mut RecordSet) -> Result<Vec<u64>, Vec<DatasetError>> {
    let path = dir.join(file);
    let bytes = std::fs::read(&path).map_err(|e| {
        vec![DatasetError {
            file: file.to_owned(),
            line: None,
            field: None,
            value: None,
            message: format!("cannot read {}: {e}", path.display()),
        }]
    })?;
    // A dataset names bodies by code; the history checks that each exists
    // throughout the item's period.
    let by_code = |text: &str, _: Option<NaiveDate>| {
        Code::parse(text.trim())
            .map_err(|e| format!("实施主体须为机构编码 / body must be an institution code: {e}"))
    };
    let read = read_power_list(&bytes, file, &ReadOptions::default(), &by_code);
    let error = |row: usize, field: &str, value: String, message: String| DatasetError {
        file: file.to_owned(),
        line: u64::try_from(row).ok().filter(|r| *r > 0),
        field: Some(field.to_owned()),
        value: Some(value),
        message,
    };
    let mut errors: Vec<DatasetError> = read
        .problems
        .into_iter()
        .map(|p| {
            let field = match &p.column {
                Some(c) => format!("{} ({c})", p.field),
                None => p.field.clone(),
            };
            error(p.row, &field, p.value, p.message)
        })
        .collect();
    let mut rows = Vec::with_capacity(read.items.len());
    let list = out.of_mut::<PowerItem>();
    for item in read.items {
        let (Some(from), Some(change)) = (item.valid_from, item.change.clone()) else {
            errors.push(error(
                item.first_row,
                "valid_from / change",
                item.code.to_string(),
                "数据集中的事项须有生效日期和变更批次 / a dataset item needs valid_from and change"
                    .to_owned(),
            ));
            continue;
        };
        match Period::new(from, item.valid_to) {
            Ok(period) => {
                rows.push(u64::try_from(item.first_row).unwrap_or(0));
                list.push(Version {
                    code: item.code,
                    period,
                    change,
                    attrs: item.item,
                });
            }
            Err(e) => errors.push(error(
                item.first_row,
                "valid_to",
                item.code.to_string(),
                e.to_string(),
            )),
        }
    }
    if errors.is_empty() {
        Ok(rows)
    } else {
        Err(errors)
    }
}
