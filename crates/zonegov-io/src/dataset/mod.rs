//! The dataset directory: `manifest.toml` plus one CSV table per kind of record.
//! Reading checks every row and every cross-record rule, and reports every problem
//! by file, line and field; a dataset with any problem yields no history at all.

mod boundary_item;
mod counterpart;
mod enterprise;
mod institution;
mod manifest;
mod park;
mod power_item;
mod project;
mod rows;
mod safety;
mod staffing;
mod table;
mod tables;
mod talent;

pub use manifest::{FORMAT, MANIFEST, Manifest};
pub(crate) use park::read_boundary;

use crate::error::{DatasetError, DatasetErrors};
use std::cell::RefCell;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use table::Table;
use zonegov_domain::{
    DivisionCode, EntityKind, HistoryParts, Locator, Name, Problem, Record as _, RecordSet, Source,
    Zone, ZoneHistory, ZoneLevel,
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

/// Which table a record came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum TableKey {
    Categories,
    Changes,
    Lineage,
    Record(EntityKind),
}

impl TableKey {
    /// The table and index a located problem points at.
    fn of(at: Locator) -> Option<(TableKey, usize)> {
        Some(match at {
            Locator::Zone => return None,
            Locator::Category(i) => (TableKey::Categories, i),
            Locator::Change(i) => (TableKey::Changes, i),
            Locator::Record(kind, i) => (TableKey::Record(kind), i),
            Locator::Lineage(i) => (TableKey::Lineage, i),
        })
    }

    fn locator(self, i: usize) -> Locator {
        match self {
            TableKey::Categories => Locator::Category(i),
            TableKey::Changes => Locator::Change(i),
            TableKey::Lineage => Locator::Lineage(i),
            TableKey::Record(kind) => Locator::Record(kind, i),
        }
    }
}

/// Where each record came from: its table's file and each row's line.
#[derive(Debug, Clone, Default)]
struct Origins {
    files: BTreeMap<TableKey, String>,
    lines: BTreeMap<TableKey, Vec<u64>>,
}

impl Origins {
    fn locate(&self, at: Locator) -> (String, Option<u64>) {
        let Some((table, i)) = TableKey::of(at) else {
            return (MANIFEST.to_owned(), None);
        };
        let file = self.files.get(&table).cloned().unwrap_or_default();
        let line = self.lines.get(&table).and_then(|l| l.get(i)).copied();
        (file, line)
    }
}

impl Dataset {
    /// The file and line a record came from, for errors found later (by the store).
    pub fn origin_of(&self, at: Locator) -> (String, Option<u64>) {
        self.origins.locate(at)
    }
}

/// Reads and checks the dataset in `dir`.
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
    // Core tables first, then every record table the manifest names, in the
    // registry's order (so references resolve the same way on every load).
    let mut plan: Vec<(TableKey, &String, Result<Table, DatasetError>)> = vec![
        (
            TableKey::Categories,
            &f.categories,
            read(
                &f.categories,
                &[rows::CATEGORY_COLUMNS],
                rows::CATEGORY_OPTIONAL,
            ),
        ),
        (
            TableKey::Changes,
            &f.changes,
            read(&f.changes, &[rows::CHANGE_COLUMNS], rows::CHANGE_OPTIONAL),
        ),
        (
            TableKey::Lineage,
            &f.lineage,
            read(&f.lineage, &[rows::LINEAGE_COLUMNS], rows::LINEAGE_OPTIONAL),
        ),
    ];
    for spec in tables::TABLES {
        let Some(plural) = zonegov_domain::kinds::spec(spec.kind).map(|s| s.plural) else {
            continue;
        };
        if let Some(file) = f.records.get(plural) {
            plan.push((
                TableKey::Record(spec.kind),
                file,
                read(file, &[rows::VERSION_COLUMNS, spec.required], spec.optional),
            ));
        }
    }
    let mut errors: Vec<DatasetError> = Vec::new();
    let mut read_tables = Vec::new();
    let mut origins = Origins::default();
    for (key, file, table) in plan {
        origins.files.insert(key, file.clone());
        match table {
            Ok(t) => read_tables.push((key, t)),
            Err(e) => errors.push(e),
        }
    }
    if !errors.is_empty() {
        return Err(DatasetErrors(errors));
    }

    let cell_errors = RefCell::new(Vec::new());
    let mut categories = Vec::new();
    let mut changes = Vec::new();
    let mut lineage = Vec::new();
    let mut records = RecordSet::default();
    for (key, table) in &read_tables {
        let rows: Vec<_> = table.rows(&cell_errors).collect();
        origins
            .lines
            .insert(*key, rows.iter().map(|r| r.line).collect());
        match key {
            TableKey::Categories => categories.extend(rows.iter().filter_map(rows::category)),
            TableKey::Changes => {
                changes.extend(rows.iter().filter_map(|r| rows::change(r, &actor)));
            }
            TableKey::Lineage => lineage.extend(rows.iter().filter_map(rows::lineage)),
            TableKey::Record(kind) => {
                if let Some(spec) = tables::TABLES.iter().find(|t| t.kind == *kind) {
                    for r in &rows {
                        (spec.parse)(r, dir, &mut records);
                    }
                }
            }
        }
    }
    // The power list: its own reader, one item over several rows.
    if let Some(file) = f.records.get(power_item::KEY) {
        let key = TableKey::Record(zonegov_domain::PowerItem::KIND);
        origins.files.insert(key, file.clone());
        match power_item::read(dir, file, &mut records) {
            Ok(lines) => {
                origins.lines.insert(key, lines);
            }
            Err(e) => cell_errors.borrow_mut().extend(e),
        }
    }
    // The duty-boundary list: one item over several rows, like the power list.
    if let Some(file) = f.records.get(boundary_item::KEY) {
        let key = TableKey::Record(zonegov_domain::boundary::BoundaryItem::KIND);
        origins.files.insert(key, file.clone());
        match boundary_item::read(dir, file, &mut records) {
            Ok(lines) => {
                origins.lines.insert(key, lines);
            }
            Err(e) => cell_errors.borrow_mut().extend(e),
        }
    }
    let parts = HistoryParts {
        zone,
        categories,
        changes,
        records,
        lineage,
    };
    let mut errors = cell_errors.into_inner();
    if !errors.is_empty() {
        // Cross-record checks on a partial dataset would only add noise.
        errors.sort_by(|a, b| (&a.file, a.line).cmp(&(&b.file, b.line)));
        return Err(DatasetErrors(errors));
    }
    let history = ZoneHistory::build(parts.clone())
        .map_err(|problems| located(problems, |at| Some(origins.locate(at))))?;
    check_reforms(dir, &parts)?;
    Ok(Dataset {
        dir: dir.to_owned(),
        manifest,
        parts,
        history,
        origins,
    })
}

/// A dataset that records its reforms as operations (`reforms/*.toml`) must be
/// their result: replayed on the state before them, they give exactly its
/// institutions, parks and lineage.
fn check_reforms(dir: &Path, parts: &HistoryParts) -> Result<(), DatasetErrors> {
    use zonegov_domain::reform::replay::{before, differences, replay, structural};
    let reforms_dir = dir.join(crate::reform::REFORMS_DIR);
    if !reforms_dir.is_dir() {
        return Ok(());
    }
    let file = |id: &str| format!("{}/{id}.toml", crate::reform::REFORMS_DIR);
    let reforms = crate::reform::read_reform_toml(&reforms_dir).map_err(|problems| {
        DatasetErrors(
            problems
                .into_iter()
                .map(|p| DatasetError {
                    file: format!("{}/{}", crate::reform::REFORMS_DIR, p.sheet),
                    line: (p.row > 0).then_some(p.row as u64),
                    field: Some(p.field),
                    value: Some(p.value),
                    message: p.message,
                })
                .collect(),
        )
    })?;
    // Problems of the histories built here are about the reforms as a whole.
    fn whole(what: &'static str) -> impl Fn(Vec<zonegov_domain::Problem>) -> DatasetErrors {
        move |problems| {
            DatasetErrors(
                problems
                    .into_iter()
                    .map(|p| {
                        DatasetError::file(
                            crate::reform::REFORMS_DIR,
                            format!("{what}{:?}.{}: {}", p.at, p.field, p.message),
                        )
                    })
                    .collect(),
            )
        }
    }
    let start = ZoneHistory::build(before(parts, &reforms))
        .map_err(whole("the state before the reforms: "))?;
    let got = replay(start, &reforms, "dataset-check").map_err(|(id, refusals)| {
        DatasetErrors(
            refusals
                .0
                .into_iter()
                .map(|r| DatasetError::file(&file(id.as_str()), r.to_string()))
                .collect(),
        )
    })?;
    let expected = ZoneHistory::build(structural(parts)).map_err(whole(""))?;
    let diffs = differences(&expected, &got, &reforms);
    if diffs.is_empty() {
        return Ok(());
    }
    Err(DatasetErrors(
        diffs
            .into_iter()
            .map(|d| {
                DatasetError::file(
                    crate::reform::REFORMS_DIR,
                    format!("replaying the reforms: {d}"),
                )
            })
            .collect(),
    ))
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
    let mut offsets = BTreeMap::from([
        (TableKey::Categories, existing.categories.len()),
        (TableKey::Changes, existing.changes.len()),
        (TableKey::Lineage, existing.lineage.len()),
    ]);
    for (kind, versions) in existing.records.iter() {
        offsets.insert(TableKey::Record(kind), versions.len());
    }
    let mut union = existing;
    union.categories.extend(ds.parts.categories.iter().cloned());
    union.changes.extend(ds.parts.changes.iter().cloned());
    union.records.append(&ds.parts.records);
    union.lineage.extend(ds.parts.lineage.iter().cloned());
    let problems = match ZoneHistory::build(union) {
        Ok(_) => return Ok(()),
        Err(p) => p,
    };
    // Records that came from the database have no file line; they are named as such.
    Err(located(problems, |at| {
        let local = match TableKey::of(at) {
            None => Some(Locator::Zone),
            Some((table, i)) => i
                .checked_sub(offsets.get(&table).copied().unwrap_or(0))
                .map(|i| table.locator(i)),
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
