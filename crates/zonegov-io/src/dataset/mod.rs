//! The dataset directory: `manifest.toml` plus one CSV table per kind of record.
//! Reading checks every row and every cross-record rule, and reports every problem
//! by file, line and field; a dataset with any problem yields no history at all.

mod manifest;
mod rows;
mod table;

pub use manifest::{FORMAT, MANIFEST, Manifest};

use crate::error::{DatasetError, DatasetErrors};
use std::cell::RefCell;
use std::path::{Path, PathBuf};
use table::Table;
use zonegov_domain::{
    DivisionCode, HistoryParts, Locator, Name, Problem, Source, Zone, ZoneHistory, ZoneLevel,
};

/// A dataset that parsed and passed every check.
#[derive(Debug, Clone)]
pub struct Dataset {
    pub dir: PathBuf,
    pub manifest: Manifest,
    /// The records as read, in file order (what a store loads).
    pub parts: HistoryParts,
    pub history: ZoneHistory,
    origins: Origins,
}

/// Where each record came from, indexed like [`HistoryParts`].
#[derive(Debug, Clone, Default)]
struct Origins {
    files: [String; 5],
    lines: [Vec<u64>; 5],
}

const CATEGORIES: usize = 0;
const CHANGES: usize = 1;
const PARKS: usize = 2;
const INSTITUTIONS: usize = 3;
const LINEAGE: usize = 4;

impl Origins {
    fn locate(&self, at: Locator) -> (String, Option<u64>) {
        let (table, i) = match at {
            Locator::Zone => return (MANIFEST.to_owned(), None),
            Locator::Category(i) => (CATEGORIES, i),
            Locator::Change(i) => (CHANGES, i),
            Locator::Park(i) => (PARKS, i),
            Locator::Institution(i) => (INSTITUTIONS, i),
            Locator::Lineage(i) => (LINEAGE, i),
        };
        (self.files[table].clone(), self.lines[table].get(i).copied())
    }
}

impl Dataset {
    /// The file and line a record came from, for errors found later (by the store).
    pub fn origin_of(&self, at: Locator) -> (String, Option<u64>) {
        self.origins.locate(at)
    }
}

/// Reads and checks the dataset in `dir`. `actor` is recorded on its change sets.
pub fn read_dataset(dir: &Path) -> Result<Dataset, DatasetErrors> {
    let one = |e: DatasetError| DatasetErrors(vec![e]);
    let manifest = manifest::read_manifest(dir).map_err(one)?;
    let zone = zone(&manifest).map_err(one)?;
    let actor = format!("load:{}", dir.display());
    let f = &manifest.files;
    let read = |file: &str, required: &[&[&str]], optional: &[&str]| {
        let required: Vec<&str> = required.iter().flat_map(|r| r.iter().copied()).collect();
        Table::read(dir, file, &required, optional)
    };
    let tables = [
        read(
            &f.categories,
            &[rows::CATEGORY_COLUMNS],
            rows::CATEGORY_OPTIONAL,
        ),
        read(&f.changes, &[rows::CHANGE_COLUMNS], rows::CHANGE_OPTIONAL),
        read(
            &f.parks,
            &[rows::VERSION_COLUMNS, rows::PARK_COLUMNS],
            rows::PARK_OPTIONAL,
        ),
        read(
            &f.institutions,
            &[rows::VERSION_COLUMNS, rows::INSTITUTION_COLUMNS],
            rows::INSTITUTION_OPTIONAL,
        ),
        read(&f.lineage, &[rows::LINEAGE_COLUMNS], rows::LINEAGE_OPTIONAL),
    ];
    let mut errors: Vec<DatasetError> = Vec::new();
    let mut ok_tables = Vec::new();
    for t in tables {
        match t {
            Ok(t) => ok_tables.push(t),
            Err(e) => errors.push(e),
        }
    }
    if !errors.is_empty() {
        return Err(DatasetErrors(errors));
    }
    let [categories, changes, parks, institutions, lineage] = <[Table; 5]>::try_from(ok_tables)
        .map_err(|_| one(DatasetError::file(MANIFEST, "internal: table count")))?;

    let cell_errors = RefCell::new(Vec::new());
    let mut origins = Origins {
        files: [
            &f.categories,
            &f.changes,
            &f.parks,
            &f.institutions,
            &f.lineage,
        ]
        .map(|s| s.clone()),
        ..Origins::default()
    };
    let category_rows = collect(&categories, &cell_errors, &mut origins.lines[CATEGORIES]);
    let change_rows = collect(&changes, &cell_errors, &mut origins.lines[CHANGES]);
    let park_rows = collect(&parks, &cell_errors, &mut origins.lines[PARKS]);
    let institution_rows = collect(
        &institutions,
        &cell_errors,
        &mut origins.lines[INSTITUTIONS],
    );
    let lineage_rows = collect(&lineage, &cell_errors, &mut origins.lines[LINEAGE]);
    let parts = HistoryParts {
        zone,
        categories: category_rows.iter().filter_map(rows::category).collect(),
        changes: change_rows
            .iter()
            .filter_map(|r| rows::change(r, &actor))
            .collect(),
        parks: park_rows
            .iter()
            .filter_map(|r| rows::park(r, dir))
            .collect(),
        institutions: institution_rows
            .iter()
            .filter_map(rows::institution)
            .collect(),
        lineage: lineage_rows.iter().filter_map(rows::lineage).collect(),
    };
    let mut errors = cell_errors.into_inner();
    if !errors.is_empty() {
        // Cross-record checks on a partial dataset would only add noise.
        errors.sort_by(|a, b| (&a.file, a.line).cmp(&(&b.file, b.line)));
        return Err(DatasetErrors(errors));
    }
    let history = ZoneHistory::build(parts.clone())
        .map_err(|problems| located(problems, |at| Some(origins.locate(at))))?;
    Ok(Dataset {
        dir: dir.to_owned(),
        manifest,
        parts,
        history,
        origins,
    })
}

/// The table's rows, noting each one's line so later errors can point at it.
fn collect<'a>(
    table: &'a Table,
    errors: &'a RefCell<Vec<DatasetError>>,
    lines: &mut Vec<u64>,
) -> Vec<table::Row<'a>> {
    let rows: Vec<_> = table.rows(errors).collect();
    lines.extend(rows.iter().map(|r| r.line));
    rows
}

fn zone(m: &Manifest) -> Result<Zone, DatasetError> {
    let field = |field: &str, value: &str, message: String| DatasetError {
        file: MANIFEST.to_owned(),
        line: None,
        field: Some(format!("zone.{field}")),
        value: Some(value.to_owned()),
        message,
    };
    let z = &m.zone;
    Ok(Zone {
        division: DivisionCode::parse(&z.division)
            .map_err(|e| field("division", &z.division, e.to_string()))?,
        name: Name::new(z.name_zh.clone(), z.name_en.clone()),
        level: ZoneLevel::parse(&z.level).map_err(|e| field("level", &z.level, e.to_string()))?,
        provenance: {
            Source::parse(&z.source).map_err(|e| field("source", &z.source, e.to_string()))?;
            manifest::zone_provenance(z).map_err(|e| field("facts", z.facts(), e.to_string()))?
        },
    })
}

/// Checks the dataset against what a database already holds: the union must pass
/// every rule. Problems in the dataset's records are named by file and line; the
/// stored records come first in the union, so their indices are offset.
pub fn check_against(existing: Option<HistoryParts>, ds: &Dataset) -> Result<(), DatasetErrors> {
    let Some(existing) = existing else {
        return Ok(());
    };
    let offsets = [
        existing.categories.len(),
        existing.changes.len(),
        existing.parks.len(),
        existing.institutions.len(),
        existing.lineage.len(),
    ];
    let mut union = existing;
    union.categories.extend(ds.parts.categories.iter().cloned());
    union.changes.extend(ds.parts.changes.iter().cloned());
    union.parks.extend(ds.parts.parks.iter().cloned());
    union
        .institutions
        .extend(ds.parts.institutions.iter().cloned());
    union.lineage.extend(ds.parts.lineage.iter().cloned());
    let problems = match ZoneHistory::build(union) {
        Ok(_) => return Ok(()),
        Err(p) => p,
    };
    let shift = |slot: usize, i: usize| i.checked_sub(offsets[slot]);
    // Records that came from the database have no file line; they are named as such.
    Err(located(problems, |at| {
        let local = match at {
            Locator::Zone => Some(Locator::Zone),
            Locator::Category(i) => shift(CATEGORIES, i).map(Locator::Category),
            Locator::Change(i) => shift(CHANGES, i).map(Locator::Change),
            Locator::Park(i) => shift(PARKS, i).map(Locator::Park),
            Locator::Institution(i) => shift(INSTITUTIONS, i).map(Locator::Institution),
            Locator::Lineage(i) => shift(LINEAGE, i).map(Locator::Lineage),
        };
        local.map(|at| ds.origins.locate(at))
    }))
}

/// Turns domain problems into dataset errors, asking `locate` for each record's file
/// and line (`None`: the record is already in the database).
fn located(
    problems: Vec<Problem>,
    locate: impl Fn(Locator) -> Option<(String, Option<u64>)>,
) -> DatasetErrors {
    DatasetErrors(
        problems
            .into_iter()
            .map(|p| {
                let (file, line) = locate(p.at).unwrap_or_else(|| ("(database)".to_owned(), None));
                DatasetError {
                    file,
                    line,
                    field: Some(p.field.to_owned()),
                    value: None,
                    message: p.message,
                }
            })
            .collect(),
    )
}
