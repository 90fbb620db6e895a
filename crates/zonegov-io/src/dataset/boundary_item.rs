//! The duty-boundary list as a dataset table, in the flat layout lists are
//! published in: one row per party per step (`role` 牵头/配合). An item's rows are
//! grouped by code and start; its steps are assembled by
//! [`zonegov_domain::boundary::assemble`], which is where a step with no lead or
//! two leads is found and named by row.

use super::rows;
use super::table::{Row, Table};
use crate::error::DatasetError;
use std::cell::RefCell;
use std::collections::BTreeMap;
use std::path::Path;
use zonegov_domain::boundary::{
    Assignment, BoundaryItem, PartyCode, PartyLevel, PartyRef, RawAssignment, Role, assemble,
};
use zonegov_domain::power::{BasisRole, citation::parse_citations};
use zonegov_domain::{Code, Lang, NaiveDate, Name, Period, Provenance, RecordSet, Version};

/// The manifest key of the table.
pub const KEY: &str = "boundary-items";

/// What a row's `facts` may name.
pub const FACT_FIELDS: &[&str] = &[
    "existence",
    "valid_from",
    "valid_to",
    "change",
    "name_zh",
    "category",
    "steps",
];

const REQUIRED: &[&str] = &[
    "code",
    "valid_from",
    "change",
    "category_zh",
    "name_zh",
    "step_no",
    "step",
    "role",
    "party_level",
    "party",
    "duty",
    "source",
];
const OPTIONAL: &[&str] = &[
    "valid_to",
    "category_en",
    "name_en",
    "legal_basis",
    "remarks",
    "basis",
    "facts",
];

/// What every row of one item repeats; the first row's is kept, and a row that
/// disagrees is an error.
struct Head {
    line: u64,
    period: Period,
    change: Code,
    name: Name,
    category: Name,
    remarks: Option<String>,
    provenance: Provenance,
}

/// Reads `file` into `out`, returning each item's first line.
pub fn read(dir: &Path, file: &str, out: &mut RecordSet) -> Result<Vec<u64>, Vec<DatasetError>> {
    let table = Table::read(dir, file, REQUIRED, OPTIONAL).map_err(|e| vec![e])?;
    let errors = RefCell::new(Vec::new());
    let mut items: BTreeMap<(Code, NaiveDate), (Head, Vec<RawAssignment>)> = BTreeMap::new();
    let mut order = Vec::new();
    for row in table.rows(&errors) {
        let Some((code, head, raw)) = parse_row(&row) else {
            continue;
        };
        let key = (code, head.period.from());
        match items.get_mut(&key) {
            Some((first, raws)) => {
                same_head(&row, first, &head);
                raws.push(raw);
            }
            None => {
                order.push(key.clone());
                items.insert(key, (head, vec![raw]));
            }
        }
    }
    let mut lines = Vec::new();
    let list = out.of_mut::<BoundaryItem>();
    for key in order {
        let Some((head, raws)) = items.remove(&key) else {
            continue;
        };
        let (steps, findings) = assemble(&key.0, &raws);
        if !findings.is_empty() {
            errors
                .borrow_mut()
                .extend(findings.into_iter().map(|(line, f)| DatasetError {
                    file: file.to_owned(),
                    line: u64::try_from(line).ok(),
                    field: Some("role".to_owned()),
                    value: Some(key.0.to_string()),
                    message: format!("{} / {}", f.sentence(Lang::Zh), f.sentence(Lang::En)),
                }));
            continue;
        }
        match BoundaryItem::new(head.name, head.category, steps, head.provenance) {
            Ok(mut item) => {
                item.remarks = head.remarks;
                lines.push(head.line);
                list.push(Version {
                    code: key.0,
                    period: head.period,
                    change: head.change,
                    attrs: item,
                });
            }
            Err(e) => errors.borrow_mut().push(DatasetError::at(
                file,
                head.line,
                "steps",
                Some(key.0.as_str()),
                e.to_string(),
            )),
        }
    }
    let errors = errors.into_inner();
    if errors.is_empty() {
        Ok(lines)
    } else {
        Err(errors)
    }
}

fn parse_row(row: &Row) -> Option<(Code, Head, RawAssignment)> {
    let code = row.parse("code", Code::parse);
    let from = row.date("valid_from");
    let to = row.opt_date("valid_to");
    let change = row.parse("change", Code::parse);
    let name = rows::name(row);
    let category = row
        .required("category_zh")
        .map(|zh| Name::new(zh, row.text("category_en").unwrap_or_default()));
    let provenance = rows::provenance(row, FACT_FIELDS);
    let step_no = row.parse("step_no", |v| {
        v.parse::<u32>().map_err(|_| "expected a whole number ≥ 0")
    });
    let step = row.required("step");
    let role = row.parse("role", Role::parse);
    let level = row.parse("party_level", PartyLevel::parse);
    let party = row.parse("party", PartyCode::parse);
    let duty = row.required("duty");
    let basis = parse_citations(
        row.text("legal_basis").unwrap_or_default(),
        BasisRole::Implementing,
    );
    let period = match (from, to) {
        (Some(from), Some(to)) => Period::new(from, to)
            .map_err(|e| row.error("valid_to", row.text("valid_to"), e.to_string()))
            .ok(),
        _ => None,
    };
    let party = PartyRef::at(level?, party?)
        .map_err(|e| row.error("party", row.text("party"), e.to_string()))
        .ok()?;
    let assignment = Assignment::new(party, duty?, basis)
        .map_err(|e| row.error("duty", row.text("duty"), e.to_string()))
        .ok()?;
    let head = Head {
        line: row.line,
        period: period?,
        change: change?,
        name: name?,
        category: category?,
        remarks: row.text("remarks").map(str::to_owned),
        provenance: provenance?,
    };
    let raw = RawAssignment {
        row: usize::try_from(row.line).unwrap_or(0),
        step_no: step_no?,
        step: step?.to_owned(),
        role: role?,
        assignment,
    };
    Some((code?, head, raw))
}

/// Rows of one item must agree on what describes the item.
fn same_head(row: &Row, first: &Head, this: &Head) {
    let checks = [
        ("valid_to", first.period != this.period),
        ("change", first.change != this.change),
        ("name_zh", first.name.zh != this.name.zh),
        ("category_zh", first.category.zh != this.category.zh),
    ];
    for (field, differs) in checks {
        if differs {
            row.error(
                field,
                row.text(field),
                format!(
                    "与该事项第 {} 行不一致 / differs from the item's row on line {}",
                    first.line, first.line
                ),
            );
        }
    }
}
