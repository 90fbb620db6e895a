//! The 三定 table: one row per version of a body's 三定. Lists inside a cell are
//! separated by `|`; within one entry, parts are separated by `;`:
//!
//! - `functions`: `text[CODE;CODE]|text` — a function and the list items it covers;
//! - `units`: `综合科|规划科`;
//! - `posts`: `正职=1|副职=3` — 领导职数 per rank;
//! - `occupancy`: `person;post;unit;quota type` — post and unit may be empty.
//!
//! Each bad entry is reported with its cell and its value; the quota is not a
//! column (it is the institution's).

use super::rows::version_head;
use super::table::Row;
use super::tables::RecordTable;
use std::collections::BTreeMap;
use std::path::Path;
use zonegov_domain::staffing::{Function, ItemCode, LeadRank, Occupant, PersonName, Staffing};
use zonegov_domain::{QuotaType, Record, RecordSet};

/// What a row's `facts` may name.
pub const FACT_FIELDS: &[&str] = &[
    "existence",
    "valid_from",
    "valid_to",
    "change",
    "name_zh",
    "functions",
    "units",
    "posts",
    "occupancy",
];

pub const TABLE: RecordTable = RecordTable {
    kind: Staffing::KIND,
    required: &["functions"],
    optional: &[
        "valid_to",
        "name_en",
        "units",
        "posts",
        "occupancy",
        "basis",
        "facts",
    ],
    parse: |row: &Row, _dir: &Path, out: &mut RecordSet| {
        let head = version_head(row, FACT_FIELDS);
        let functions = functions(row);
        let posts = posts(row);
        let occupancy = occupancy(row);
        let (Some(head), Some(functions), Some(posts), Some(occupancy)) =
            (head, functions, posts, occupancy)
        else {
            return;
        };
        let attrs = Staffing {
            name: head.name.clone(),
            institution: head.code.clone(),
            functions,
            units: row.list("units"),
            posts,
            occupancy,
            provenance: head.provenance.clone(),
        };
        out.push(head.with(attrs));
    },
};

/// Each entry of a `|` list, or the first bad one reported against the cell.
fn entries<T>(row: &Row, field: &str, parse: impl Fn(&str) -> Result<T, String>) -> Option<Vec<T>> {
    let mut out = Vec::new();
    let mut ok = true;
    for (i, entry) in row.list(field).iter().enumerate() {
        match parse(entry) {
            Ok(v) => out.push(v),
            Err(e) => {
                row.error(field, Some(entry), format!("entry {}: {e}", i + 1));
                ok = false;
            }
        }
    }
    ok.then_some(out)
}

fn functions(row: &Row) -> Option<Vec<Function>> {
    entries(row, "functions", |entry| {
        let (text, items) = match entry.strip_suffix(']').and_then(|s| s.rsplit_once('[')) {
            Some((text, codes)) => (text, codes),
            None => (entry, ""),
        };
        let items = codes(items)?;
        Function::new(text, items).map_err(|e| e.to_string())
    })
}

fn codes(cell: &str) -> Result<Vec<ItemCode>, String> {
    cell.split(';')
        .map(str::trim)
        .filter(|c| !c.is_empty())
        .map(|c| ItemCode::parse(c).map_err(|e| e.to_string()))
        .collect()
}

fn posts(row: &Row) -> Option<BTreeMap<LeadRank, u32>> {
    let pairs = entries(row, "posts", |entry| {
        let (rank, n) = entry
            .split_once('=')
            .ok_or_else(|| "expected rank=count, e.g. 副职=3".to_owned())?;
        let rank = LeadRank::parse(rank).map_err(|e| e.to_string())?;
        let n = n
            .trim()
            .parse::<u32>()
            .map_err(|_| format!("count \"{}\" is not a whole number ≥ 0", n.trim()))?;
        Ok((rank, n))
    })?;
    let mut out = BTreeMap::new();
    for (rank, n) in pairs {
        if out.insert(rank, n).is_some() {
            row.error("posts", row.text("posts"), "a rank is given twice");
            return None;
        }
    }
    Some(out)
}

fn occupancy(row: &Row) -> Option<Vec<Occupant>> {
    entries(row, "occupancy", |entry| {
        let parts: Vec<&str> = entry.split(';').map(str::trim).collect();
        let [person, post, unit, quota] = parts.as_slice() else {
            return Err("expected person;post;unit;quota type (post and unit may be empty)".into());
        };
        let opt = |s: &str| (!s.is_empty()).then(|| s.to_owned());
        Ok(Occupant {
            person: PersonName::parse(person).map_err(|e| e.to_string())?,
            post: opt(post)
                .map(|p| LeadRank::parse(&p))
                .transpose()
                .map_err(|e| e.to_string())?,
            unit: opt(unit),
            quota: QuotaType::parse(quota).map_err(|e| e.to_string())?,
        })
    })
}
