//! Importing the power and responsibility list from a published file (CSV or xlsx),
//! as a whole list or as an adjustment. [`dry_run`] reads and checks everything and
//! writes nothing; [`import`] does the same and, only when there is no problem at
//! all, writes every version under one new change set in one transaction and
//! records it in the audit trail. The CLI and the web upload both call these.
//!
//! - **Whole list** ([`ImportMode::Whole`]): the file is the complete list as of the
//!   effective date. A code not stored is added; a stored item that differs is
//!   changed (its current version ends on the item's start and the new one begins);
//!   an identical one is left alone; a stored item current on the effective date but
//!   absent from the file is cancelled (its version ends on the effective date).
//! - **Adjustment** ([`ImportMode::Adjustment`]): only the listed items. Each row says
//!   what it does in an `action` column (操作/调整类型: 新增, 变更, 取消) or, for a
//!   cancellation, with 取消 at the start of 备注; without either, a stored code is
//!   changed and a new one added. A cancellation row needs only its code.
//!
//! Bodies (实施主体) are resolved against the stored institutions by code or by name
//! as of each item's start, and must exist on that day.

use crate::audit::Recorder;
use chrono::NaiveDate;
use serde::Serialize;
use std::collections::{HashMap, HashSet};
use zonegov_domain::power::PowerItem;
use zonegov_domain::record::StoredVersion;
use zonegov_domain::{ChangeSet, Code, Name, Period, Record, Version, ZoneHistory};
use zonegov_io::power_list::{ImportProblem, ItemAction, ParsedItem, ReadOptions, read_power_list};
use zonegov_store::{BulkWrite, Store, StoreError, Supersede, VersionQuery};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum ImportMode {
    #[default]
    Whole,
    Adjustment,
}

/// The decision the import records, and how to read the file.
#[derive(Debug, Clone)]
pub struct ImportOptions {
    pub read: ReadOptions,
    pub mode: ImportMode,
    /// 文号 of the decision that publishes the list.
    pub doc_no: String,
    /// Its effective date: the change set's, and the start of items without 生效日期.
    pub effective: NaiveDate,
    pub actor: String,
    pub ip: String,
}

/// What an import found, and what it wrote.
#[derive(Debug, Clone, Serialize)]
pub struct ImportReport {
    pub file_name: String,
    pub mode: ImportMode,
    pub items: Vec<ParsedItem>,
    pub problems: Vec<ImportProblem>,
    pub notes: Vec<String>,
    pub added: usize,
    pub changed: usize,
    pub unchanged: usize,
    pub cancelled: usize,
    pub responsibilities: usize,
    /// The change set written; `None` on a dry run or when anything was wrong.
    pub change: Option<Code>,
}

impl ImportReport {
    pub fn is_ok(&self) -> bool {
        self.problems.is_empty()
    }
}

/// What to write when the report is clean: the versions to supersede, the closed
/// copies that replace them, and the file's items to write (by index into the
/// report's items, with their periods): the items are moved into the write, not
/// copied.
struct Plan {
    supersede: Vec<(Code, NaiveDate)>,
    closed: Vec<Version<PowerItem>>,
    new: Vec<(usize, Period)>,
}

fn whole_file_problem(file: &str, field: &str, message: String) -> ImportProblem {
    ImportProblem {
        sheet: file.to_owned(),
        row: 0,
        column: None,
        header: None,
        field: field.to_owned(),
        value: String::new(),
        message,
    }
}

fn item_problem(file: &str, item: &ParsedItem, message: String) -> ImportProblem {
    ImportProblem {
        sheet: file.to_owned(),
        row: item.first_row,
        column: None,
        header: None,
        field: "code".to_owned(),
        value: item.code.to_string(),
        message,
    }
}

/// A body by code or by its name on `day`, existing on that day.
fn resolve_body(history: &ZoneHistory, text: &str, day: NaiveDate) -> Result<Code, String> {
    let institutions = history.institutions();
    if let Ok(code) = Code::parse(text)
        && institutions.contains(&code)
    {
        return if institutions.as_of(&code, day).is_some() {
            Ok(code)
        } else {
            Err(format!(
                "实施主体 {code} 在 {day} 不存在 / body {code} does not exist on {day}"
            ))
        };
    }
    institutions
        .snapshot(day)
        .find(|v| v.attrs.name.zh == text || v.attrs.name.en == text)
        .map(|v| v.code.clone())
        .ok_or_else(|| {
            format!(
                "找不到 {day} 时名为或编码为“{text}”的机构 / no institution named or coded \"{text}\" on {day}"
            )
        })
}

/// Reads and checks the file against the store; writes nothing.
pub async fn dry_run(
    store: &dyn Store,
    bytes: &[u8],
    file_name: &str,
    opt: &ImportOptions,
) -> Result<ImportReport, StoreError> {
    plan(store, bytes, file_name, opt).await.map(|(r, _)| r)
}

async fn plan(
    store: &dyn Store,
    bytes: &[u8],
    file_name: &str,
    opt: &ImportOptions,
) -> Result<(ImportReport, Plan), StoreError> {
    let mut report = ImportReport {
        file_name: file_name.to_owned(),
        mode: opt.mode,
        items: Vec::new(),
        problems: Vec::new(),
        notes: Vec::new(),
        added: 0,
        changed: 0,
        unchanged: 0,
        cancelled: 0,
        responsibilities: 0,
        change: None,
    };
    let mut plan = Plan {
        supersede: Vec::new(),
        closed: Vec::new(),
        new: Vec::new(),
    };
    let Some(history) = zonegov_store::history(store).await? else {
        report.problems.push(whole_file_problem(
            file_name,
            "body",
            "尚未载入园区数据，无法核对实施主体 / no zone is loaded, so bodies cannot be checked"
                .to_owned(),
        ));
        return Ok((report, plan));
    };
    let effective = opt.effective;
    let resolver =
        |text: &str, on: Option<NaiveDate>| resolve_body(&history, text, on.unwrap_or(effective));
    let read = read_power_list(bytes, file_name, &opt.read, &resolver);
    report.problems = read.problems;
    report.notes = read.notes;
    report.items = read.items;
    if !report.problems.is_empty() {
        return Ok((report, plan));
    }
    // Every stored version of the kind, by code (periods and attributes).
    let mut stored: HashMap<Code, Vec<StoredVersion>> = HashMap::new();
    for v in store
        .records()
        .versions(&VersionQuery::all_of(PowerItem::KIND))
        .await?
    {
        stored.entry(v.code.clone()).or_default().push(v);
    }
    let change = Code::parse("PENDING").map_err(|e| StoreError::Corrupt(e.to_string()))?;
    let mut listed: HashSet<Code> = HashSet::new();
    let mut problems = Vec::new();
    for (index, it) in report.items.iter().enumerate() {
        listed.insert(it.code.clone());
        let from = it.valid_from.unwrap_or(effective);
        let versions = stored.get(&it.code).map_or(&[][..], Vec::as_slice);
        let current = versions.iter().find(|v| v.period.contains(from));
        let later = versions.iter().find(|v| v.period.from() > from);
        if let Some(v) = later {
            problems.push(item_problem(
                file_name,
                it,
                format!(
                    "已存有 {} 起的版本，晚于本次生效日期 {from} / a stored version starts on {}, after this item's start {from}",
                    v.period.from(),
                    v.period.from()
                ),
            ));
            continue;
        }
        let action = match (opt.mode, it.action, current) {
            (_, Some(ItemAction::Add), Some(_)) => {
                problems.push(item_problem(
                    file_name,
                    it,
                    "标为新增，但该编码已存在 / marked as added, but the code is already stored"
                        .to_owned(),
                ));
                continue;
            }
            (_, Some(ItemAction::Change | ItemAction::Cancel), None) => {
                problems.push(item_problem(
                    file_name,
                    it,
                    format!("标为变更或取消，但 {from} 时没有该事项 / marked as changed or cancelled, but no such item on {from}"),
                ));
                continue;
            }
            (_, Some(a), _) => a,
            (_, None, Some(_)) => ItemAction::Change,
            (_, None, None) => ItemAction::Add,
        };
        let Ok(period) = Period::new(from, it.valid_to) else {
            problems.push(item_problem(
                file_name,
                it,
                format!("生效日期 {from} 须早于失效日期 / the start {from} must be before the end"),
            ));
            continue;
        };
        if let Some(old) = current {
            let same = old.period.to() == it.valid_to
                && serde_json::to_value(&it.item).ok().as_ref() == Some(&old.attrs);
            if action == ItemAction::Change && same {
                report.unchanged += 1;
                continue;
            }
            plan.supersede.push((old.code.clone(), old.period.from()));
            if old.period.from() < from {
                plan.closed.push(closed_copy(old, from, &change)?);
            }
        }
        match action {
            ItemAction::Cancel => report.cancelled += 1,
            ItemAction::Change => report.changed += 1,
            ItemAction::Add => report.added += 1,
        }
        if action != ItemAction::Cancel {
            report.responsibilities += it.item.responsibilities.len();
            plan.new.push((index, period));
        }
    }
    if opt.mode == ImportMode::Whole {
        // Stored items current on the effective date that the list no longer holds.
        let mut gone: Vec<&StoredVersion> = stored
            .values()
            .flatten()
            .filter(|v| v.period.contains(effective) && !listed.contains(&v.code))
            .collect();
        gone.sort_by(|a, b| a.code.cmp(&b.code));
        for old in gone {
            plan.supersede.push((old.code.clone(), old.period.from()));
            if old.period.from() < effective {
                plan.closed.push(closed_copy(old, effective, &change)?);
            }
            report.cancelled += 1;
        }
    }
    report.problems = problems;
    Ok((report, plan))
}

/// The stored version ending on `end`, as a typed version.
fn closed_copy(
    old: &StoredVersion,
    end: NaiveDate,
    change: &Code,
) -> Result<Version<PowerItem>, StoreError> {
    let attrs: PowerItem = serde_json::from_value(old.attrs.clone())
        .map_err(|e| StoreError::Corrupt(format!("power_item {}: {e}", old.code)))?;
    Ok(Version {
        code: old.code.clone(),
        period: Period::new(old.period.from(), Some(end))
            .map_err(|e| StoreError::Corrupt(format!("{}: {e}", old.code)))?,
        change: change.clone(),
        attrs,
    })
}

/// What stands in an item's place in the report while the item is being written
/// (no text: nothing allocates).
fn placeholder(code: &Code) -> PowerItem {
    PowerItem {
        name: Name::new("", ""),
        sub_item: None,
        item_type: String::new(),
        body: code.clone(),
        handling_unit: None,
        level: None,
        basis: Vec::new(),
        responsibilities: Vec::new(),
        accountability: Vec::new(),
        supervision_phone: None,
        remarks: None,
        provenance: zonegov_domain::Provenance::default(),
    }
}

/// A fresh change-set id: `PL` + time + random, unique without asking the store.
fn new_change_id_pl() -> Result<Code, StoreError> {
    new_change_id("PL")
}

/// A fresh change-set id: `prefix` + time + random, unique without asking the store.
pub(crate) fn new_change_id(prefix: &str) -> Result<Code, StoreError> {
    let mut bytes = [0u8; 4];
    getrandom::fill(&mut bytes).map_err(|e| StoreError::Corrupt(format!("no randomness: {e}")))?;
    let id = format!(
        "{prefix}{}-{}",
        chrono::Utc::now().format("%Y%m%d%H%M%S"),
        bytes.iter().map(|b| format!("{b:02x}")).collect::<String>()
    );
    Code::parse(&id).map_err(|e| StoreError::Corrupt(e.to_string()))
}

/// [`dry_run`], then, only when there is no problem, writes everything in one
/// transaction and audits it. A rejected file writes nothing at all.
pub async fn import(
    store: &dyn Store,
    bytes: &[u8],
    file_name: &str,
    opt: &ImportOptions,
) -> Result<ImportReport, StoreError> {
    let (mut report, plan) = plan(store, bytes, file_name, opt).await?;
    if !report.is_ok() {
        return Ok(report);
    }
    if opt.doc_no.trim().is_empty() {
        report.problems.push(whole_file_problem(
            file_name,
            "doc_no",
            "导入须填写文号 / an import needs the document number (文号) of the decision"
                .to_owned(),
        ));
        return Ok(report);
    }
    if plan.supersede.is_empty() && plan.closed.is_empty() && plan.new.is_empty() {
        report.notes.push(
            "清单与已存数据相同，未写入 / the list equals what is stored; nothing was written"
                .to_owned(),
        );
        return Ok(report);
    }
    let id = new_change_id_pl()?;
    let change = ChangeSet {
        id: id.clone(),
        effective: opt.effective,
        doc_no: opt.doc_no.trim().to_owned(),
        reason: Name::new(
            format!("权责清单导入：{file_name}"),
            format!("Power list import: {file_name}"),
        ),
        actor: opt.actor.clone(),
        recorded_at: None,
        provenance: opt.read.provenance.clone(),
    };
    let mut versions = plan.closed;
    for v in &mut versions {
        v.change = id.clone();
    }
    let closed = versions.len();
    for (index, period) in &plan.new {
        let Some(it) = report.items.get_mut(*index) else {
            continue;
        };
        let attrs = std::mem::replace(&mut it.item, placeholder(&it.code));
        versions.push(Version {
            code: it.code.clone(),
            period: *period,
            change: id.clone(),
            attrs,
        });
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
            versions: &versions,
        })
        .await?;
    // The items go back into the report, as a dry run shows them.
    for ((index, _), v) in plan.new.iter().zip(versions.drain(closed..)) {
        if let Some(it) = report.items.get_mut(*index) {
            it.item = v.attrs;
        }
    }
    drop(versions);
    Recorder::new(store, &opt.actor, &opt.ip)
        .ok(
            "power_list.import",
            file_name,
            serde_json::json!({
                "change": id.as_str(), "doc_no": change.doc_no, "effective": opt.effective,
                "mode": opt.mode, "added": report.added, "changed": report.changed,
                "cancelled": report.cancelled, "unchanged": report.unchanged,
                "versions": written,
            }),
        )
        .await;
    report.change = Some(id);
    Ok(report)
}
