//! Importing a project sheet (招商项目台账) from .xlsx or .csv: the io reader parses and
//! locates every cell (amounts with their unit, never guessed); here each row is
//! checked against the zone on its day (park and chain node by code or name, an
//! investor named by credit code is in the register), and the whole history is built
//! with the new versions so every rule of the generic path holds. Any problem:
//! nothing is written. Otherwise one change set, new versions for new or changed
//! projects (the version they replace closed the day before), one transaction,
//! audited.

use crate::audit::Recorder;
use chrono::NaiveDate;
use serde::Serialize;
use zonegov_domain::enterprise::Enterprise;
use zonegov_domain::project::{Investor, Project};
use zonegov_domain::{
    ChangeSet, Code, Locator, Name, Period, Provenance, Record, Version, ZoneHistory,
};
use zonegov_io::power_list::ImportProblem;
use zonegov_io::project_list::{ProjectRead, ProjectRow, read_projects};
use zonegov_store::{BulkWrite, Store, StoreError, Supersede, VersionQuery};

#[derive(Debug, Clone)]
pub struct ImportOptions {
    /// 文号 of the decision or register update (required to write).
    pub doc_no: String,
    /// The change set's date, and the start of a changed project's new version
    /// when its row has no 生效日期.
    pub effective: NaiveDate,
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
    pub change: Option<Code>,
}

impl ImportReport {
    pub fn is_ok(&self) -> bool {
        self.problems.is_empty()
    }
}

struct Plan {
    supersede: Vec<(Code, NaiveDate)>,
    versions: Vec<Version<Project>>,
    /// For each of `versions`, the read row it came from (`None`: a closed copy).
    rows: Vec<Option<usize>>,
}

fn corrupt(e: impl std::fmt::Display) -> StoreError {
    StoreError::Corrupt(e.to_string())
}

/// A park or chain node named by code or Chinese name, valid on `day`.
fn resolve<R: Record>(h: &ZoneHistory, day: NaiveDate, text: &str) -> Result<Code, String> {
    h.timeline::<R>()
        .snapshot(day)
        .find(|v| v.code.as_str() == text || v.attrs.name().zh == text)
        .map(|v| v.code.clone())
        .ok_or_else(|| {
            format!(
                "{}“{text}”在 {day} 不存在 / no {} \"{text}\" exists on {day}",
                R::LABEL_ZH,
                R::LABEL_EN
            )
        })
}

async fn check_row(
    store: &dyn Store,
    h: &ZoneHistory,
    read: &ProjectRead,
    row: &ProjectRow,
    day: NaiveDate,
    provenance: &Provenance,
    problems: &mut Vec<ImportProblem>,
) -> Result<Option<Project>, StoreError> {
    let park = resolve::<zonegov_domain::Park>(h, day, &row.park)
        .map_err(|m| problems.push(read.problem(row, "park", &row.park, m)))
        .ok();
    let chain_node = match &row.chain_node {
        None => Some(None),
        Some(n) => resolve::<zonegov_domain::project::ChainNode>(h, day, n)
            .map(Some)
            .map_err(|m| problems.push(read.problem(row, "chain_node", n, m)))
            .ok(),
    };
    let mut investor_ok = true;
    if let Investor::Enterprise(code) = &row.investor {
        let found = store
            .records()
            .versions(&VersionQuery {
                code: Some(code),
                as_of: Some(day),
                ..VersionQuery::all_of(Enterprise::KIND)
            })
            .await?;
        if found.is_empty() {
            investor_ok = false;
            problems.push(read.problem(
                row,
                "investor_code",
                code.as_str(),
                format!(
                    "企业名录中 {day} 无此信用代码 / no enterprise {code} in the register on {day}"
                ),
            ));
        }
    }
    let (Some(park), Some(chain_node), true) = (park, chain_node, investor_ok) else {
        return Ok(None);
    };
    Ok(Some(Project {
        name: row.name.clone(),
        real_name: row.real_name.clone(),
        investor: row.investor.clone(),
        amount: row.amount,
        ten_strong: row.ten_strong,
        industry: row.industry,
        park,
        chain_node,
        chain_role: row.chain_role,
        stages: row.stages.clone(),
        officer: row.officer.clone(),
        problems: row.problems.clone(),
        provenance: provenance.clone(),
    }))
}

fn same(a: &Project, b: &Project) -> bool {
    Project {
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
    let read = read_projects(bytes, file_name);
    let mut report = ImportReport {
        file_name: file_name.to_owned(),
        rows: read.rows.len(),
        problems: read.problems.clone(),
        ..Default::default()
    };
    let mut plan = Plan {
        supersede: Vec::new(),
        versions: Vec::new(),
        rows: Vec::new(),
    };
    if read.rows.is_empty() {
        return Ok((report, plan));
    }
    let Some(parts) = store.records().history_parts().await? else {
        report.problems.push(ImportProblem {
            sheet: file_name.to_owned(),
            row: 0,
            column: None,
            header: None,
            field: "file".into(),
            value: String::new(),
            message: "数据库中尚无区域数据，请先加载数据集 / the database holds no zone yet: load a dataset first".into(),
        });
        return Ok((report, plan));
    };
    let h = ZoneHistory::build(parts.clone())
        .map_err(|p| corrupt(format!("{} problems in the stored history", p.len())))?;
    let pending = Code::parse("pending").map_err(corrupt)?;
    let mut problems = Vec::new();
    for (i, row) in read.rows.iter().enumerate() {
        let stored = h.timeline::<Project>().versions(&row.code);
        let first_stage = row.stages.values().min().copied();
        let day = match (row.valid_from, stored.is_empty(), first_stage) {
            (Some(d), _, _) => d,
            (None, true, Some(d)) => d,
            _ => opt.effective,
        };
        let Some(p) = check_row(store, &h, &read, row, day, &opt.provenance, &mut problems).await?
        else {
            continue;
        };
        let current = stored.iter().find(|v| v.period.contains(day));
        let next_start = stored
            .iter()
            .map(|v| v.period.from())
            .filter(|f| *f > day)
            .min();
        let end = match current {
            Some(old) if same(&p, &old.attrs) => {
                report.unchanged += 1;
                continue;
            }
            Some(old) => {
                report.changed += 1;
                plan.supersede.push((row.code.clone(), old.period.from()));
                if old.period.from() < day {
                    plan.versions.push(Version {
                        code: row.code.clone(),
                        period: Period::new(old.period.from(), Some(day)).map_err(corrupt)?,
                        change: old.change.clone(),
                        attrs: old.attrs.clone(),
                    });
                    plan.rows.push(None);
                }
                old.period.to()
            }
            None => {
                report.added += 1;
                next_start
            }
        };
        let period = match Period::new(day, end) {
            Ok(p) => p,
            Err(e) => {
                problems.push(read.problem(row, "valid_from", &day.to_string(), e.to_string()));
                continue;
            }
        };
        plan.versions.push(Version {
            code: row.code.clone(),
            period,
            change: pending.clone(),
            attrs: p,
        });
        plan.rows.push(Some(i));
    }
    if problems.is_empty() && !plan.versions.is_empty() {
        problems.extend(check_history(parts, &plan, &read, opt.effective, file_name));
    }
    report.problems.extend(problems);
    Ok((report, plan))
}

/// Every rule of the history (references over the whole version, stage order …)
/// on the stored records with the planned ones in place; problems point at rows.
fn check_history(
    mut parts: zonegov_domain::HistoryParts,
    plan: &Plan,
    read: &ProjectRead,
    effective: NaiveDate,
    file_name: &str,
) -> Vec<ImportProblem> {
    let pending = plan.versions.first().map(|v| v.change.clone());
    if let Some(id) = &pending {
        parts.changes.push(ChangeSet {
            id: id.clone(),
            effective,
            doc_no: String::new(),
            reason: Name::new("", ""),
            actor: String::new(),
            recorded_at: None,
            provenance: Provenance::default(),
        });
    }
    let list = parts.records.of_mut::<Project>();
    list.retain(|v| {
        !plan
            .supersede
            .iter()
            .any(|(c, f)| c == &v.code && *f == v.period.from())
    });
    let base = list.len();
    list.extend(plan.versions.iter().cloned());
    let Err(found) = ZoneHistory::build(parts) else {
        return Vec::new();
    };
    found
        .into_iter()
        .map(|p| {
            let row = match p.at {
                Locator::Record(kind, i) if kind == Project::KIND && i >= base => plan
                    .rows
                    .get(i - base)
                    .copied()
                    .flatten()
                    .and_then(|r| read.rows.get(r)),
                _ => None,
            };
            match row {
                Some(row) => read.problem(row, p.field, "", p.message),
                None => ImportProblem {
                    sheet: file_name.to_owned(),
                    row: 0,
                    column: None,
                    header: None,
                    field: p.field.to_owned(),
                    value: String::new(),
                    message: p.message,
                },
            }
        })
        .collect()
}

/// Checks the file against the zone and the stored projects; writes nothing.
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
    let id = crate::power_import::new_change_id("PJ")?;
    let change = ChangeSet {
        id: id.clone(),
        effective: opt.effective,
        doc_no: opt.doc_no.trim().to_owned(),
        reason: Name::new(
            format!("招商项目台账导入：{file_name}"),
            format!("Project sheet import: {file_name}"),
        ),
        actor: opt.actor.clone(),
        recorded_at: None,
        provenance: opt.provenance.clone(),
    };
    for (v, row) in plan.versions.iter_mut().zip(&plan.rows) {
        if row.is_some() {
            v.change = id.clone();
        }
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
            "project.import",
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
