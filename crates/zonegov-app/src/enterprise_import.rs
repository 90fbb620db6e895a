//! Importing the enterprise register (企业名录) from .xlsx or .csv: the io reader parses
//! and locates every cell; here each row is checked against the zone on its day (the
//! street and park exist then — by code or by name —, and the outlines valid then
//! agree with its coordinates) and compared with what is stored. Any problem: nothing
//! is written. Otherwise one change set, new versions for new or changed enterprises
//! (the version they replace closed the day before), in one transaction, audited.

use crate::audit::Recorder;
use chrono::NaiveDate;
use serde::Serialize;
use std::collections::HashMap;
use zonegov_domain::enterprise::Enterprise;
use zonegov_domain::enterprise::placement::ZoneMap;
use zonegov_domain::{
    ChangeSet, Code, CounterpartKind, Lang, Name, Period, Provenance, Version, ZoneHistory,
};
use zonegov_io::enterprise_list::{EnterpriseRead, EnterpriseRow, read_enterprises};
use zonegov_io::power_list::ImportProblem;
use zonegov_store::{BulkWrite, Store, StoreError, Supersede, VersionQuery};

#[derive(Debug, Clone)]
pub struct ImportOptions {
    /// 文号 of the register's publication (required to write).
    pub doc_no: String,
    /// The change set's date, and the start of rows without 生效日期.
    pub effective: NaiveDate,
    /// Provenance of every imported row.
    pub provenance: Provenance,
    pub actor: String,
    pub ip: String,
}

#[derive(Debug, Clone, Serialize, Default)]
pub struct ImportReport {
    pub file_name: String,
    pub rows: usize,
    pub problems: Vec<ImportProblem>,
    pub added: usize,
    pub changed: usize,
    pub unchanged: usize,
    /// Rows with coordinates placed by the outlines (and agreeing).
    pub placed: usize,
    pub change: Option<Code>,
}

impl ImportReport {
    pub fn is_ok(&self) -> bool {
        self.problems.is_empty()
    }
}

/// A street or park named by code or by its Chinese name on `day`.
fn resolve(h: &ZoneHistory, day: NaiveDate, text: &str, street: bool) -> Result<Code, String> {
    let found = if street {
        h.counterparts()
            .snapshot(day)
            .filter(|v| v.attrs.kind == CounterpartKind::Street)
            .find(|v| v.code.as_str() == text || v.attrs.name.zh == text)
            .map(|v| v.code.clone())
    } else {
        h.parks()
            .snapshot(day)
            .find(|v| v.code.as_str() == text || v.attrs.name.zh == text)
            .map(|v| v.code.clone())
    };
    found.ok_or_else(|| {
        let (zh, en) = if street {
            ("街道", "street")
        } else {
            ("园区", "park")
        };
        format!("{zh}“{text}”在 {day} 不存在 / no {en} \"{text}\" exists on {day}")
    })
}

/// What to write: new versions, and the current versions they replace.
struct Plan {
    supersede: Vec<(Code, NaiveDate)>,
    versions: Vec<Version<Enterprise>>,
}

/// The record a row stands for, checked against the zone on its day.
fn check_row(
    h: &ZoneHistory,
    maps: &mut HashMap<NaiveDate, ZoneMap>,
    read: &EnterpriseRead,
    row: &EnterpriseRow,
    day: NaiveDate,
    provenance: &Provenance,
    problems: &mut Vec<ImportProblem>,
) -> Option<(Enterprise, bool)> {
    let at =
        |field: &str, value: &str, m: String| read.problem(&row.sheet, row.row, field, value, m);
    let street = resolve(h, day, &row.street, true)
        .map_err(|m| problems.push(at("street", &row.street, m)))
        .ok();
    let park = match &row.park {
        None => Some(None),
        Some(p) => resolve(h, day, p, false)
            .map(Some)
            .map_err(|m| problems.push(at("park", p, m)))
            .ok(),
    };
    let (Some(street), Some(park)) = (street, park) else {
        return None;
    };
    let e = Enterprise {
        name: row.name.clone(),
        credit_code: row.credit_code.clone(),
        industry: row.industry,
        address: row.address.clone(),
        street,
        park,
        location: row.location,
        size: row.size,
        hazards: row.hazards.clone(),
        provenance: provenance.clone(),
    };
    let map = maps.entry(day).or_insert_with(|| ZoneMap::on(h, day));
    let disagreements = map.check(&e);
    let placed = e.location.is_some() && disagreements.is_empty();
    for d in &disagreements {
        let value = d.given.as_ref().map_or("", Code::as_str);
        let message = format!("{} / {}", d.message(Lang::Zh), d.message(Lang::En));
        problems.push(at(d.field, value, message));
    }
    disagreements.is_empty().then_some((e, placed))
}

/// The same enterprise apart from where the record came from.
fn same(a: &Enterprise, b: &Enterprise) -> bool {
    Enterprise {
        provenance: b.provenance.clone(),
        ..a.clone()
    } == *b
}

async fn plan(
    store: &dyn Store,
    bytes: &[u8],
    file_name: &str,
    opt: &ImportOptions,
) -> Result<(ImportReport, Plan), StoreError> {
    let read = read_enterprises(bytes, file_name);
    let mut report = ImportReport {
        file_name: file_name.to_owned(),
        rows: read.rows.len(),
        problems: read.problems.clone(),
        ..Default::default()
    };
    let mut plan = Plan {
        supersede: Vec::new(),
        versions: Vec::new(),
    };
    // A file that could not be read at all (no header, a missing column) has no
    // rows; rows that parsed are still checked, so every problem shows at once.
    if read.rows.is_empty() {
        return Ok((report, plan));
    }
    let Some(h) = zonegov_store::history(store).await? else {
        report.problems.push(read.problem(
            "",
            0,
            "file",
            "",
            "数据库中尚无区域数据，请先加载数据集 / the database holds no zone yet: load a dataset first".into(),
        ));
        return Ok((report, plan));
    };
    let mut maps = HashMap::new();
    let mut problems = Vec::new();
    for row in &read.rows {
        let day = row.valid_from.unwrap_or(opt.effective);
        let Some((e, placed)) = check_row(
            &h,
            &mut maps,
            &read,
            row,
            day,
            &opt.provenance,
            &mut problems,
        ) else {
            continue;
        };
        report.placed += usize::from(placed);
        let code = Code::parse(row.credit_code.as_str())
            .map_err(|e| StoreError::Corrupt(e.to_string()))?;
        let stored = store
            .records()
            .versions(&VersionQuery {
                code: Some(&code),
                ..VersionQuery::all_of(<Enterprise as zonegov_domain::Record>::KIND)
            })
            .await?;
        let current = stored.iter().find(|v| v.period.contains(day));
        let next_start = stored
            .iter()
            .map(|v| v.period.from())
            .filter(|f| *f > day)
            .min();
        let (end, old) = match current {
            Some(old) => {
                let old_attrs: Enterprise = serde_json::from_value(old.attrs.clone())
                    .map_err(|e| StoreError::Corrupt(format!("enterprise {code}: {e}")))?;
                if same(&e, &old_attrs) {
                    report.unchanged += 1;
                    continue;
                }
                (old.period.to(), Some((old, old_attrs)))
            }
            None => (next_start, None),
        };
        let period = Period::new(day, end).map_err(|e| StoreError::Corrupt(e.to_string()))?;
        if let Some((old, attrs)) = old {
            report.changed += 1;
            plan.supersede.push((code.clone(), old.period.from()));
            if old.period.from() < day {
                plan.versions.push(Version {
                    code: code.clone(),
                    period: Period::new(old.period.from(), Some(day))
                        .map_err(|e| StoreError::Corrupt(e.to_string()))?,
                    change: old.change.clone(),
                    attrs,
                });
            }
        } else {
            report.added += 1;
        }
        plan.versions.push(Version {
            code,
            period,
            change: Code::parse("pending").map_err(|e| StoreError::Corrupt(e.to_string()))?,
            attrs: e,
        });
    }
    report.problems.extend(problems);
    Ok((report, plan))
}

/// Checks the file against the zone and the stored register; writes nothing.
pub async fn dry_run(
    store: &dyn Store,
    bytes: &[u8],
    file_name: &str,
    opt: &ImportOptions,
) -> Result<ImportReport, StoreError> {
    Ok(plan(store, bytes, file_name, opt).await?.0)
}

/// [`dry_run`], then, only when there is no problem, writes in one transaction.
pub async fn import(
    store: &dyn Store,
    bytes: &[u8],
    file_name: &str,
    opt: &ImportOptions,
) -> Result<ImportReport, StoreError> {
    let (mut report, mut plan) = plan(store, bytes, file_name, opt).await?;
    if !report.is_ok() {
        return Ok(report);
    }
    if opt.doc_no.trim().is_empty() {
        report.problems.push(ImportProblem {
            sheet: file_name.to_owned(),
            row: 0,
            column: None,
            header: None,
            field: "doc_no".into(),
            value: String::new(),
            message: "导入须填写文号 / an import needs the document number (文号)".into(),
        });
        return Ok(report);
    }
    if plan.versions.is_empty() {
        return Ok(report);
    }
    let id = crate::power_import::new_change_id("EN")?;
    let change = ChangeSet {
        id: id.clone(),
        effective: opt.effective,
        doc_no: opt.doc_no.trim().to_owned(),
        reason: Name::new(
            format!("企业名录导入：{file_name}"),
            format!("Enterprise register import: {file_name}"),
        ),
        actor: opt.actor.clone(),
        recorded_at: None,
        provenance: opt.provenance.clone(),
    };
    for v in &mut plan.versions {
        v.change = id.clone();
    }
    let supersede: Vec<Supersede> = plan
        .supersede
        .into_iter()
        .map(|(code, from)| Supersede {
            code,
            from,
            by: id.clone(),
        })
        .collect();
    let written = store
        .records()
        .append_versions(&BulkWrite {
            changes: std::slice::from_ref(&change),
            supersede: &supersede,
            versions: &plan.versions,
        })
        .await?;
    Recorder::new(store, &opt.actor, &opt.ip)
        .ok(
            "enterprise.import",
            file_name,
            serde_json::json!({
                "change": id.as_str(), "doc_no": change.doc_no, "effective": opt.effective,
                "added": report.added, "changed": report.changed,
                "unchanged": report.unchanged, "versions": written,
            }),
        )
        .await;
    report.change = Some(id);
    Ok(report)
}
