//! The record tables a dataset may hold: one per registered record kind, each
//! parsed by the kind's module. Adding a kind adds its module and one line here.

use super::table::Row;
use super::{counterpart, enterprise, institution, park, project, safety, staffing, talent};
use std::path::Path;
use zonegov_domain::{EntityKind, RecordSet};

/// How one kind's CSV table is read.
pub struct RecordTable {
    pub kind: EntityKind,
    /// Columns beyond the shared head (code, valid_from, change, name_zh, source).
    pub required: &'static [&'static str],
    pub optional: &'static [&'static str],
    /// Parses one row into `out`; a bad cell is reported through the row and
    /// nothing is pushed.
    pub parse: fn(&Row, &Path, &mut RecordSet),
}

pub static TABLES: &[RecordTable] = &[
    institution::TABLE,
    park::TABLE,
    counterpart::TABLE,
    safety::GRIDS,
    safety::RULES,
    enterprise::TABLE,
    staffing::TABLE,
    project::CHAIN_NODES,
    project::PROJECTS,
    talent::PLATFORMS,
    talent::TALENTS,
    talent::QUOTA_POOLS,
    talent::QUOTA_LOANS,
];

/// The table of the kind whose plural (the manifest key) is `name`.
pub fn by_name(name: &str) -> Option<&'static RecordTable> {
    let spec = zonegov_domain::kinds::spec_of(name)?;
    (spec.plural == name)
        .then(|| TABLES.iter().find(|t| t.kind == spec.kind))
        .flatten()
}
