//! The counterpart bodies table: streets, county-level governments and municipal
//! departments.

use super::rows::version_head;
use super::table::Row;
use super::tables::RecordTable;
use std::path::Path;
use zonegov_domain::{Code, Counterpart, CounterpartKind, Record, RecordSet, StatCode};

/// What a row's `facts` may name (`existence`: that the body existed then).
pub const FACT_FIELDS: &[&str] = &[
    "existence",
    "valid_from",
    "valid_to",
    "change",
    "name_zh",
    "kind",
    "stat_code",
    "parent",
    "boundary",
];

pub const TABLE: RecordTable = RecordTable {
    kind: Counterpart::KIND,
    required: &["kind"],
    optional: &[
        "valid_to",
        "name_en",
        "stat_code",
        "parent",
        "phone",
        "address",
        "boundary",
        "basis",
        "facts",
    ],
    parse: |row: &Row, dir: &Path, out: &mut RecordSet| {
        let head = version_head(row, FACT_FIELDS);
        let kind = row.parse("kind", CounterpartKind::parse);
        let stat_code = row.parse_opt("stat_code", StatCode::parse);
        let parent = row.parse_opt("parent", Code::parse);
        let contact = super::rows::contact(row);
        let boundary = row.parse_opt("boundary", |file| super::park::read_boundary(dir, file));
        let (Some(head), Some(kind), Some(stat_code), Some(parent), Some(contact), Some(boundary)) =
            (head, kind, stat_code, parent, contact, boundary)
        else {
            return;
        };
        let provenance = head.provenance.clone();
        let name = head.name.clone();
        out.push(head.with(Counterpart {
            name,
            kind,
            stat_code,
            parent,
            contact,
            boundary,
            provenance,
        }));
    },
};
