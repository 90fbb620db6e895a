//! The parks table.

use super::rows::{self, version_head};
use super::table::Row;
use super::tables::RecordTable;
use std::path::Path;
use zonegov_domain::geo::check_boundary;
use zonegov_domain::{Code, Park, ParkKind, Record, RecordSet, Version};

/// What a row's `facts` may name.
pub const FACT_FIELDS: &[&str] = &[
    "existence",
    "valid_from",
    "valid_to",
    "change",
    "name_zh",
    "kind",
    "industries",
    "streets",
    "managing_body",
    "boundary",
];

pub const TABLE: RecordTable = RecordTable {
    kind: Park::KIND,
    required: &["kind"],
    optional: &[
        "valid_to",
        "name_en",
        "industries",
        "streets",
        "managing_body",
        "boundary",
        "phone",
        "address",
        "basis",
        "facts",
    ],
    parse: |row: &Row, dir: &Path, out: &mut RecordSet| {
        if let Some(v) = park(row, dir) {
            out.push(v);
        }
    },
};

fn park(row: &Row, dir: &Path) -> Option<Version<Park>> {
    let head = version_head(row, FACT_FIELDS);
    let kind = row.parse("kind", ParkKind::parse);
    let managing_body = row.parse_opt("managing_body", Code::parse);
    let streets = codes(row, "streets");
    let boundary = row.parse_opt("boundary", |file| read_boundary(dir, file));
    let contact = rows::contact(row);
    let head = head?;
    Some(Version {
        code: head.code,
        period: head.period,
        change: head.change,
        attrs: Park {
            name: head.name,
            kind: kind?,
            industries: row.list("industries"),
            streets: streets?,
            managing_body: managing_body?,
            boundary: boundary?,
            contact: contact?,
            provenance: head.provenance,
        },
    })
}

/// A boundary cell names a GeoJSON file inside the dataset directory.
pub(crate) fn read_boundary(dir: &Path, file: &str) -> Result<serde_json::Value, String> {
    if file.contains("..") || file.starts_with('/') || file.contains('\\') {
        return Err("boundary must be a relative path inside the dataset directory".into());
    }
    let text =
        std::fs::read_to_string(dir.join(file)).map_err(|e| format!("cannot read {file}: {e}"))?;
    let v: serde_json::Value =
        serde_json::from_str(&text).map_err(|e| format!("{file} is not JSON: {e}"))?;
    let geometry = match v.get("type").and_then(|t| t.as_str()) {
        Some("Feature") => v.get("geometry").cloned().unwrap_or_default(),
        _ => v,
    };
    check_boundary(&geometry).map_err(|e| format!("{file}: {e}"))?;
    Ok(geometry)
}

/// A list cell of codes; every bad code is reported.
fn codes(row: &Row, field: &str) -> Option<Vec<Code>> {
    let mut out = Vec::new();
    let mut ok = true;
    for item in row.list(field) {
        match Code::parse(&item) {
            Ok(c) => out.push(c),
            Err(e) => {
                row.error(field, Some(&item), e.to_string());
                ok = false;
            }
        }
    }
    ok.then_some(out)
}
